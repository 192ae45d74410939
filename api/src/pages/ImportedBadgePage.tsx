/** @jsxImportSource hono/jsx */
import type { ImportedBadge } from '../db/importedBadges';
import { formatDate } from './format';
import { Layout } from './Layout';

const PLATFORM_NAMES: Record<string, string> = { credly: 'Credly', accredible: 'Accredible', badgr: 'Badgr (Canvas Credentials)', openbadges: 'Open Badges' };

export interface ImportedBadgePageProps {
  publicUrl: string;
  imported: ImportedBadge;
  /** The earner's name, as their BadgeLens account has it. */
  holderName: string;
}

/**
 * The public page of a badge an earner imported from another site: what its issuer says, how and when
 * BadgeLens last checked it at its source, and where to check it there.
 */
export function ImportedBadgePage({ publicUrl, imported, holderName }: ImportedBadgePageProps) {
  const { badge, status } = imported;
  const issuer = badge.issuer.name || badge.issuer.domain || badge.issuer.id;
  const statusLine =
    status === 'revoked'
      ? `Revoked by its issuer${badge.revocationReason ? `: ${badge.revocationReason}` : ''}. It is no longer valid.`
      : status === 'expired'
        ? `Expired${badge.expires ? ` on ${formatDate(badge.expires)}` : ''}.`
        : 'Verified — valid.';
  return (
    <Layout title={badge.name} publicUrl={publicUrl} description={`${badge.name}, issued by ${issuer}`} noIndex>
      <h1>{badge.name}</h1>
      {badge.imageUrl && <img src={badge.imageUrl} alt="" width="160" height="160" />}
      <div class={`status status-${status}`} id="status">
        <div>
          <strong class="status-title">{statusLine}</strong>
          <p>
            Issued by {issuer}
            {badge.issuer.domain && ` (proven on ${badge.issuer.domain})`} to {badge.recipientName ?? holderName} on {formatDate(badge.issuedOn)}.
          </p>
        </div>
      </div>
      {badge.description && <p class="lead">{badge.description}</p>}
      <p class="muted">
        {holderName} added this badge from {PLATFORM_NAMES[imported.platform] ?? imported.platform} to BadgeLens. BadgeLens checked it with its issuer (
        {imported.format === 'ob3' ? 'Open Badges 3.0, signed' : 'Open Badges 2.0, hosted'}) on {formatDate(imported.checkedAt)} and found it addressed to
        one of {holderName}'s confirmed email addresses.
      </p>
      {badge.pageUrl && (
        <p>
          <a href={badge.pageUrl} rel="noopener nofollow">
            See this badge where its issuer publishes it
          </a>
        </p>
      )}
    </Layout>
  );
}
