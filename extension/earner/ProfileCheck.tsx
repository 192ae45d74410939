// On the earner's own LinkedIn profile (it links to one of their badges, or bears their name):
// which of their badges the page already links to, and a one-click add for the missing ones.
// Reads the tab's links and title only (activeTab, granted by opening the popup).
import { useEffect, useState } from 'preact/hooks';
import type { MeBadge } from '../../shared/schemas/earners';
import { linkedInAddToProfileUrl } from '../../shared/links';
import { plural, t } from '../common/i18n';
import type { EarnerClient, ProfilePage } from './client';
import { isOwnProfile, profileCoverage, toShareable } from './model';

export function ProfileCheck({ client, badges }: { client: EarnerClient; badges: readonly MeBadge[] }) {
  const [page, setPage] = useState<ProfilePage | null>(null);

  useEffect(() => {
    let live = true;
    client
      .currentProfile()
      .then((found) => live && setPage(found))
      .catch(() => live && setPage(null));
    return () => {
      live = false;
    };
  }, [client]);

  // Someone else's profile says nothing: the earner's badges have no place there.
  if (!page || !isOwnProfile(badges, page)) return null;
  const { present, missing } = profileCoverage(badges, page.links);
  if (present.length === 0 && missing.length === 0) return null;

  return (
    <section class="profile-check" aria-labelledby="profile-check-heading">
      <h3 id="profile-check-heading">{t('profileHeading')}</h3>
      <p>
        {plural(present.length, {
          one: () => t('profileCoverageOne', present.length, present.length + missing.length),
          other: () => t('profileCoverageOther', present.length, present.length + missing.length),
        })}
      </p>
      {present.length > 0 && (
        <>
          <h4>{t('profileAlready')}</h4>
          <ul class="profile-present">
            {present.map((badge) => (
              <li key={badge.id}>{badge.name}</li>
            ))}
          </ul>
        </>
      )}
      {missing.length > 0 && (
        <>
          <h4>{t('profileMissing')}</h4>
          <ul class="profile-missing">
            {missing.map((badge) => (
              <li key={badge.id}>
                <button type="button" class="link-button" onClick={() => void client.openTab(linkedInAddToProfileUrl(toShareable(badge)))}>
                  {t('profileAdd', badge.name)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
