/** @jsxImportSource hono/jsx */
import { linkedInAddToProfileUrl, toShareable } from '../../../../shared/links';
import type { MeBadge } from '../../../../shared/schemas/earners';
import { credentialUrls } from '../../credentials/urls';
import type { Account } from '../../db/accounts';
import { formatDate } from '../format';
import { SELF_CLAIMED_LABEL } from '../SelfClaimPage';
import { CsrfField, EarnerPage, FormAlert, Notice } from './parts';
import { trackedShareUrl } from '../../sharing/shareable';

const CLAIM_LABELS: Record<MeBadge['claimState'], string> = { pending: 'Pending', accepted: 'Accepted', declined: 'Declined' };
const STATUS_LABELS: Record<MeBadge['status'], string> = { valid: 'Valid', expired: 'Expired', revoked: 'Revoked', self_claimed: SELF_CLAIMED_LABEL };

/** Why a self-claimed badge has no "Add to LinkedIn profile" link (shown in its place). */
export const NO_LINKEDIN_FOR_SELF_CLAIMS = 'Not offered for LinkedIn: a LinkedIn certification names the organisation that issued it, and no issuer has verified this yet.';

const PLATFORM_NAMES: Record<NonNullable<MeBadge['source']>['platform'], string> = {
  badgelens: 'BadgeLens',
  credly: 'Credly',
  accredible: 'Accredible',
  badgr: 'Badgr',
  openbadges: 'an Open Badges site',
};

/** What the "Add a badge from elsewhere" form shows again after a refusal: the text fields as sent, and why. */
export interface ImportFormState {
  url: string;
  jwt: string;
  error: string | null;
}

export interface PortfolioPageProps {
  publicUrl: string;
  csrf: string;
  account: Account;
  badges: MeBadge[];
  notice?: string | null;
  importForm?: ImportFormState;
  /** The person is issuer staff: the header links to the console. */
  isIssuerStaff?: boolean;
  /** Skill badges of the catalogue the earner may claim for themselves (neither held nor claimed yet). */
  claimable: { id: string; name: string; issuerName: string }[];
}

/** Asks first (GET page with the consequences), since it changes who sees the badge. */
function VisibilitySwitch({ badge }: { badge: MeBadge }) {
  return (
    <a class="button secondary" href={`/portfolio/badges/${badge.id}/${badge.isPublic ? 'private' : 'public'}`}>
      {badge.isPublic ? 'Make private…' : 'Make public…'}
    </a>
  );
}

function ImportedActions({ badge }: { badge: MeBadge }) {
  return (
    <div class="actions">
      <VisibilitySwitch badge={badge} />
      {badge.isPublic && <a href={badge.url}>Badge page</a>}
      {badge.isPublic && badge.status === 'valid' && (
        <a href={linkedInAddToProfileUrl(toShareable(badge))} rel="noopener">
          Add to LinkedIn profile
        </a>
      )}
      {badge.isPublic && badge.status !== 'revoked' && <a href={`/portfolio/badges/${badge.id}/share`}>Share, signature, résumé</a>}
      <a href={`/portfolio/badges/${badge.id}/delete`}>Remove…</a>
    </div>
  );
}

function SelfClaimedActions({ badge }: { badge: MeBadge }) {
  return (
    <div class="actions">
      <a href={badge.url}>Badge page</a>
      <p class="muted no-linkedin">{NO_LINKEDIN_FOR_SELF_CLAIMS}</p>
      <a href={`/portfolio/badges/${badge.id}/delete`}>Remove…</a>
    </div>
  );
}

function SelfClaimForm({ csrf, claimable }: { csrf: string; claimable: PortfolioPageProps['claimable'] }) {
  return (
    <section id="self-claim" aria-labelledby="self-claim-heading">
      <h2 id="self-claim-heading">Add a skill you have</h2>
      <p>
        Claim a skill badge of the catalogue for yourself: it shows as “{SELF_CLAIMED_LABEL}” until its issuer learns that you completed one of its
        requirements, and then becomes a verified badge at the same address.
      </p>
      {claimable.length === 0 ? (
        <p class="muted">There is no skill badge left for you to claim.</p>
      ) : (
        <form method="post" action="/portfolio/claims" class="form">
          <CsrfField token={csrf} />
          <div class="field">
            <label for="claim-badge">Skill badge</label>
            <select id="claim-badge" name="badgeId">
              {claimable.map((badge) => (
                <option value={badge.id}>
                  {badge.name} ({badge.issuerName})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button">
            I can do this
          </button>
        </form>
      )}
    </section>
  );
}

function ImportForm({ csrf, state }: { csrf: string; state?: ImportFormState }) {
  return (
    <section id="import" aria-labelledby="import-heading">
      <h2 id="import-heading">Add a badge from elsewhere</h2>
      <p>
        A badge from Credly, Accredible, Badgr or any Open Badges site: paste its address, choose the badge image (a baked PNG or SVG) or Open Badges
        file (JSON) you downloaded, or paste a VC-JWT. BadgeLens checks it with its issuer; it must be issued to one of your confirmed email addresses.
      </p>
      <FormAlert message={state?.error} />
      <form method="post" action="/portfolio/import" enctype="multipart/form-data" class="form import-form">
        <CsrfField token={csrf} />
        <div class="field">
          <label for="import-url">Badge address</label>
          <input id="import-url" name="url" type="url" value={state?.url ?? ''} placeholder="https://" />
          <p class="hint">The badge's page or its Open Badges JSON link.</p>
        </div>
        <div class="field">
          <label for="import-file">Or a badge file</label>
          <input id="import-file" name="file" type="file" accept=".png,.svg,.json,.jwt,.txt,image/png,image/svg+xml,application/json" />
          <p class="hint">A baked PNG or SVG badge image, or an Open Badges JSON file (1 MB at most).</p>
        </div>
        <div class="field">
          <label for="import-jwt">Or a VC-JWT</label>
          <textarea id="import-jwt" name="jwt" rows={4} spellcheck={false}>
            {state?.jwt ?? ''}
          </textarea>
        </div>
        <button type="submit" class="button">
          Check and add this badge
        </button>
      </form>
    </section>
  );
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
      {badge.claimState !== 'declined' && <VisibilitySwitch badge={badge} />}
      {badge.isPublic && badge.claimState !== 'declined' && <a href={badge.url}>Public badge page</a>}
      {badge.isPublic && badge.claimState === 'accepted' && badge.status === 'valid' && (
        // Through the counted redirect, as the popup and the emails do: the issuer sees it in its share counts.
        <a href={trackedShareUrl(publicUrl, badge.id, 'linkedin-profile')} rel="noopener">
          Add to LinkedIn profile
        </a>
      )}
      {badge.isPublic && badge.claimState !== 'declined' && badge.status !== 'revoked' && (
        <a href={`/portfolio/badges/${badge.id}/share`}>Share, signature, résumé</a>
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
export function PortfolioPage({ publicUrl, csrf, account, badges, notice, importForm, isIssuerStaff, claimable }: PortfolioPageProps) {
  return (
    <EarnerPage title="My badges" publicUrl={publicUrl} signedInAs={{ firstName: account.firstName, console: isIssuerStaff }} csrf={csrf}>
      <h1>My badges</h1>
      <Notice message={notice} />
      {badges.length === 0 ? (
        <p class="empty">You have no badges yet. When an organisation issues you one, it appears here; you can also add badges from other sites below.</p>
      ) : (
        <ul class="badge-list">
          {badges.map((badge) => (
            <li class="badge-item" data-badge-id={badge.id} data-imported={badge.source?.imported ? 'true' : undefined} data-status={badge.status}>
              <img src={badge.imageUrl} alt="" width="80" height="80" />
              <div>
                <h2>{badge.name}</h2>
                {badge.source?.imported && (
                  <p class="muted imported-from">
                    Imported from {PLATFORM_NAMES[badge.source.platform]}
                    {badge.source.checkedAt && `, checked with its issuer on ${formatDate(badge.source.checkedAt)}`}
                  </p>
                )}
                {badge.status === 'self_claimed' ? (
                  <p class="muted">
                    A skill badge of {badge.issuer.name}, claimed by you on {formatDate(badge.issuedOn)}
                  </p>
                ) : (
                  <p class="muted">
                    Issued by {badge.issuer.name} on {formatDate(badge.issuedOn)}
                    {badge.expires && `, ${badge.status === 'expired' ? 'expired' : 'expires'} ${formatDate(badge.expires)}`}
                  </p>
                )}
                <p>
                  {badge.source?.imported ? (
                    <span class="state">Imported</span>
                  ) : (
                    badge.status !== 'self_claimed' && <span class="state">{CLAIM_LABELS[badge.claimState]}</span>
                  )}
                  <span class="state">{STATUS_LABELS[badge.status]}</span>
                  <span class="state">{badge.isPublic ? 'Public' : 'Private'}</span>
                </p>
                {badge.status === 'revoked' && badge.revocationReason && <p class="muted">Revoked: {badge.revocationReason}</p>}
                {badge.source?.imported ? (
                  <ImportedActions badge={badge} />
                ) : badge.status === 'self_claimed' ? (
                  <SelfClaimedActions badge={badge} />
                ) : (
                  <BadgeActions badge={badge} csrf={csrf} publicUrl={publicUrl} />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <SelfClaimForm csrf={csrf} claimable={claimable} />
      <ImportForm csrf={csrf} state={importForm} />
    </EarnerPage>
  );
}
