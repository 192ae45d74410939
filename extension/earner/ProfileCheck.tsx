// On the earner's own LinkedIn profile: which of their badges the page already links to, and a
// one-click add for the missing ones. Reads the tab's links only (activeTab, granted by opening the popup).
import { useEffect, useState } from 'preact/hooks';
import type { MeBadge } from '../../shared/schemas/earners';
import { linkedInAddToProfileUrl } from '../../shared/links';
import type { EarnerClient } from './client';
import { profileCoverage, toShareable } from './model';

export function ProfileCheck({ client, badges }: { client: EarnerClient; badges: readonly MeBadge[] }) {
  const [links, setLinks] = useState<string[] | null>(null);

  useEffect(() => {
    let live = true;
    client
      .currentProfile()
      .then((page) => live && setLinks(page ? page.links : null))
      .catch(() => live && setLinks(null));
    return () => {
      live = false;
    };
  }, [client]);

  if (!links) return null;
  const { present, missing } = profileCoverage(badges, links);
  if (present.length === 0 && missing.length === 0) return null;

  return (
    <section class="profile-check" aria-labelledby="profile-check-heading">
      <h3 id="profile-check-heading">On this LinkedIn profile</h3>
      <p>
        {present.length} of {present.length + missing.length} of your shareable badges {present.length === 1 ? 'is' : 'are'} on this profile.
      </p>
      {missing.length > 0 && (
        <ul>
          {missing.map((badge) => (
            <li key={badge.id}>
              {badge.name}{' '}
              <button type="button" class="link-button" onClick={() => void client.openTab(linkedInAddToProfileUrl(toShareable(badge)))}>
                Add {badge.name} to LinkedIn
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
