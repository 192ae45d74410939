/** @jsxImportSource hono/jsx */
import { linkedInAddToProfileUrl } from '../../../../shared/links';
import type { MeBadge } from '../../../../shared/schemas/earners';
import { credentialUrls } from '../../credentials/urls';
import type { Account } from '../../db/accounts';
import { formatDate } from '../format';
import { CsrfField, EarnerPage, Notice } from './parts';

const CLAIM_LABELS: Record<MeBadge['claimState'], string> = { pending: 'Pending', accepted: 'Accepted', declined: 'Declined' };
const STATUS_LABELS: Record<MeBadge['status'], string> = { valid: 'Valid', expired: 'Expired', revoked: 'Revoked' };

export interface PortfolioPageProps {
  publicUrl: string;
  csrf: string;
  account: Account;
  badges: MeBadge[];
  notice?: string | null;
}

function addToLinkedIn(badge: MeBadge): string {
  return linkedInAddToProfileUrl({
    assertionId: badge.id,
    badgeUrl: badge.url,
    imageUrl: badge.imageUrl,
    badgeName: badge.name,
    issuerName: badge.issuer.name,
    issuedOn: badge.issuedOn,
    expires: badge.expires,
  });
}

function BadgeActions({ badge, csrf, publicUrl }: { badge: MeBadge; csrf: string; publicUrl: string }) {
  const post = (path: string, label: string, secondary = false) => (
    <form method="post" action={`/portfolio/badges/${badge.id}/${path}`} class="inline-form">
      <CsrfField token={csrf} />
      <button type="submit" class={secondary ? 'button secondary' : 'button'}>
        {label}
      </button>
    </form>
  );
  return (
    <div class="actions">
      {badge.claimState === 'pending' && post('accept', 'Accept')}
      {badge.claimState === 'pending' && post('decline', 'Decline', true)}
      {badge.claimState === 'declined' && post('accept', 'Accept after all', true)}
      {badge.claimState !== 'declined' && (badge.isPublic ? post('private', 'Make private', true) : post('public', 'Make public', true))}
      {badge.isPublic && badge.claimState !== 'declined' && <a href={badge.url}>Public badge page</a>}
      {badge.isPublic && badge.claimState === 'accepted' && badge.status === 'valid' && (
        <a href={addToLinkedIn(badge)} rel="noopener">
          Add to LinkedIn profile
        </a>
      )}
      {badge.isPublic && badge.claimState !== 'declined' && badge.status !== 'revoked' && (
        <a href={credentialUrls(publicUrl).credentialDownload(badge.id)} download>
          Download (Open Badges 3.0)
        </a>
      )}
      <a href={`/portfolio/badges/${badge.id}/delete`}>Delete…</a>
    </div>
  );
}

/** Every badge the earner holds, with its state and the public/private switch. */
export function PortfolioPage({ publicUrl, csrf, account, badges, notice }: PortfolioPageProps) {
  return (
    <EarnerPage title="My badges" publicUrl={publicUrl} signedInAs={account} csrf={csrf}>
      <h1>My badges</h1>
      <Notice message={notice} />
      {badges.length === 0 ? (
        <p class="empty">You have no badges yet. When an organisation issues you one, it appears here.</p>
      ) : (
        <ul class="badge-list">
          {badges.map((badge) => (
            <li class="badge-item" data-badge-id={badge.id}>
              <img src={badge.imageUrl} alt="" width="80" height="80" />
              <div>
                <h2>{badge.name}</h2>
                <p class="muted">
                  Issued by {badge.issuer.name} on {formatDate(badge.issuedOn)}
                  {badge.expires && `, ${badge.status === 'expired' ? 'expired' : 'expires'} ${formatDate(badge.expires)}`}
                </p>
                <p>
                  <span class="state">{CLAIM_LABELS[badge.claimState]}</span>
                  <span class="state">{STATUS_LABELS[badge.status]}</span>
                  <span class="state">{badge.isPublic ? 'Public' : 'Private'}</span>
                </p>
                {badge.status === 'revoked' && badge.revocationReason && <p class="muted">Revoked: {badge.revocationReason}</p>}
                <BadgeActions badge={badge} csrf={csrf} publicUrl={publicUrl} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </EarnerPage>
  );
}
