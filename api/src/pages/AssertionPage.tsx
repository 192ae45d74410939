/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html';
import { attributeResult, attributeValueText } from '../../../shared/schemas/attributes';
import type { ShareLinks } from '../../../shared/links';
import type { AssertionRecord } from '../db/assertions';
import type { AssertionStatus } from '../lib/status';
import { credentialUrls } from '../credentials/urls';
import { publicUrls } from '../lib/urls';
import { certificateUrl } from '../sharing/shareable';
import { AboutBadge, BadgeHero, CheckIcon, ClockIcon, CrossIcon, DateText, IssuedBy, LockIcon, OutsideLink, Prose, RequirementList, SocialTags } from './components';
import { CATEGORY_LABELS, formatDate, truncate } from './format';
import { Layout } from './Layout';

export interface AssertionPageProps {
  record: AssertionRecord;
  status: AssertionStatus;
  publicUrl: string;
  /** Present only when the signed-in earner who owns the badge is looking at it. */
  /** The logged-in earner who holds this badge: their share tools, and whether only they can see it. */
  owner?: { shareLinks: ShareLinks; isPrivate?: boolean };
}

const SHARE_BUTTONS: { key: keyof ShareLinks; label: string }[] = [
  { key: 'linkedinProfile', label: 'Add to LinkedIn profile' },
  { key: 'linkedin', label: 'Post on LinkedIn' },
  { key: 'x', label: 'Share on X' },
  { key: 'facebook', label: 'Share on Facebook' },
  { key: 'email', label: 'Send by email' },
];

/** Shown to the owner of a private badge, the only person its page opens for. */
function PrivateNotice({ assertionId }: { assertionId: string }) {
  return (
    <div class="status status-private" id="private-notice">
      <LockIcon />
      <div>
        <strong class="status-title">Only you can see this</strong>
        <p>
          This badge is private: anyone else who opens this link finds no badge, and it cannot be shared or checked.{' '}
          <a href={`/portfolio/badges/${assertionId}/public`}>Make it public…</a>
        </p>
      </div>
    </div>
  );
}

function OwnerShare({ links }: { links: ShareLinks }) {
  return (
    <section aria-labelledby="share">
      <h2 id="share">Share your badge</h2>
      <p>Only you see this section. Each link opens the site with your badge filled in.</p>
      <ul class="share-buttons">
        {SHARE_BUTTONS.map(({ key, label }) => (
          <li>
            <a class="button" href={links[key]} target="_blank" rel="noopener noreferrer">
              {label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The size LinkedIn and others expect for a large link preview (the og.png route renders it). */
export const OG_IMAGE_SIZE = { width: 1200, height: 627 };

// Copies the badge's canonical URL (without tracking parameters the visitor may have arrived
// with) and says so; without JavaScript the button is a plain link to the same URL.
export const COPY_LINK_SCRIPT = `(function(){
var link=document.getElementById('copy-link'),status=document.getElementById('copy-status');
if(!link||!status||!navigator.clipboard)return;
link.addEventListener('click',function(event){
event.preventDefault();
navigator.clipboard.writeText(link.href).then(function(){status.textContent='Link copied.';},
function(){status.textContent='Could not copy: copy the address from the address bar instead.';});
});
})();`;

export function imageAltText(record: AssertionRecord): string {
  return `${record.badgeClass.name} badge issued by ${record.issuer.name}`;
}

function socialTitle({ assertion, badgeClass }: AssertionRecord, status: AssertionStatus): string {
  const earned = `${assertion.recipientName} earned ${badgeClass.name}`;
  if (status === 'revoked') return `Revoked: ${badgeClass.name} (issued to ${assertion.recipientName})`;
  if (status === 'expired') return `${earned} (expired)`;
  return earned;
}

function socialDescription({ assertion, issuer }: AssertionRecord, status: AssertionStatus): string {
  const issued = `Issued by ${issuer.name} on ${formatDate(assertion.issuedOn)}.`;
  if (status === 'revoked') return `${issuer.name} revoked this badge. It is no longer valid.`;
  if (status === 'expired') return `${issued} ${assertion.expires ? `Expired on ${formatDate(assertion.expires)}` : 'Expired'}.`;
  return `${issued} Verified with BadgeLens: check it against the issuer's Open Badges data.`;
}

function StatusBanner({ record, status }: { record: AssertionRecord; status: AssertionStatus }) {
  const { assertion, issuer } = record;
  if (status === 'revoked') {
    return (
      <div class="status status-revoked" id="status">
        <CrossIcon />
        <div>
          <strong class="status-title">
            Revoked: <span class="status-reason">{assertion.revocationReason || 'no reason given'}</span>
          </strong>
          <p>
            {issuer.name} revoked this badge
            {assertion.revokedAt && (
              <>
                {' '}
                on <DateText iso={assertion.revokedAt} />
              </>
            )}
            . It is no longer valid and must not be relied on.
          </p>
        </div>
      </div>
    );
  }
  if (status === 'expired') {
    return (
      <div class="status status-expired" id="status">
        <ClockIcon />
        <div>
          <strong class="status-title">
            {assertion.expires ? (
              <>
                Expired on <DateText iso={assertion.expires} />
              </>
            ) : (
              'Expired'
            )}
          </strong>
          <p>{issuer.name} issued this badge, but it is past its expiry date and no longer current.</p>
        </div>
      </div>
    );
  }
  return (
    <div class="status status-valid" id="status">
      <CheckIcon />
      <div>
        <strong class="status-title">Verified — valid</strong>
        <p>
          Issued by {issuer.name}, not revoked
          {assertion.expires ? (
            <>
              , valid until <DateText iso={assertion.expires} />
            </>
          ) : (
            ' and does not expire'
          )}
          .
        </p>
        {assertion.claimState === 'pending' && (
          <p id="awaiting-acceptance">Awaiting acceptance: {assertion.recipientName} has not accepted this badge yet.</p>
        )}
      </div>
    </div>
  );
}

/** The public badge page: the URL earners share on LinkedIn, in résumés and signatures. */
export function AssertionPage({ record, status, publicUrl, owner }: AssertionPageProps) {
  const { assertion, badgeClass, issuer } = record;
  const urls = publicUrls(publicUrl);
  const credentials = credentialUrls(publicUrl);
  const pageUrl = urls.assertion(assertion.id);
  const alt = imageAltText(record);
  const hasEvidence = Boolean(assertion.evidenceUrl || assertion.narrative);
  const attribute = attributeResult(badgeClass.attribute, assertion.attributeValue);
  const title = socialTitle(record, status);
  const description = socialDescription(record, status);

  return (
    <Layout
      title={title}
      publicUrl={publicUrl}
      description={description}
      noIndex={status === 'revoked' || Boolean(owner?.isPrivate)}
      bodyClass={status}
      head={
        <>
          <SocialTags
            title={title}
            description={description}
            url={pageUrl}
            image={status === 'revoked' ? undefined : urls.assertionOgImage(assertion.id)}
            imageAlt={alt}
            large={OG_IMAGE_SIZE}
          />
          <link rel="alternate" type="application/ld+json" href={urls.assertionJson(assertion.id)} />
          <link rel="alternate" type="application/vc" href={credentials.credential(assertion.id)} />
        </>
      }
    >
      {owner?.isPrivate && <PrivateNotice assertionId={assertion.id} />}
      <StatusBanner record={record} status={status} />

      <BadgeHero
        // A revoked badge's own image is gone (410): show the badge design, greyed out by the stylesheet.
        image={status === 'revoked' ? urls.badgeClassImage(badgeClass.id) : urls.assertionImage(assertion.id)}
        alt={alt}
        name={badgeClass.name}
        lead={<IssuedBy issuer={issuer} publicUrl={publicUrl} />}
      >
        <dl class="facts">
          <dt>Awarded to</dt>
          <dd>{assertion.recipientName}</dd>
          <dt>Issued on</dt>
          <dd>
            <DateText iso={assertion.issuedOn} />
          </dd>
          <dt>{status === 'expired' ? 'Expired on' : 'Expires'}</dt>
          <dd>{assertion.expires ? <DateText iso={assertion.expires} /> : 'Does not expire'}</dd>
          <dt>Category</dt>
          <dd>{CATEGORY_LABELS[badgeClass.category]}</dd>
          {attribute && (
            <>
              <dt>{attribute.label}</dt>
              <dd class="attribute">{attributeValueText(attribute)}</dd>
            </>
          )}
        </dl>
        <div class="actions">
          <a class="button" id="copy-link" href={pageUrl}>
            Copy link
          </a>
          <span id="copy-status" role="status" aria-live="polite"></span>
        </div>
        <script>{raw(COPY_LINK_SCRIPT)}</script>
      </BadgeHero>

      {owner && !owner.isPrivate && status !== 'revoked' && <OwnerShare links={owner.shareLinks} />}

      <AboutBadge badgeClass={badgeClass} publicUrl={publicUrl} />

      <section aria-labelledby="criteria">
        <h2 id="criteria">Criteria</h2>
        <Prose text={badgeClass.criteriaNarrative} />
        {badgeClass.requirements.length > 0 && (
          <>
            <h3>How to earn it</h3>
            <RequirementList requirements={badgeClass.requirements} />
          </>
        )}
      </section>

      {hasEvidence && (
        <section aria-labelledby="evidence">
          <h2 id="evidence">Evidence</h2>
          {assertion.evidenceUrl && (
            <p>
              <OutsideLink href={assertion.evidenceUrl}>{truncate(assertion.evidenceUrl, 120)}</OutsideLink>
            </p>
          )}
          {assertion.narrative && <Prose text={assertion.narrative} />}
        </section>
      )}

      <section aria-labelledby="verify">
        <h2 id="verify">Verify this badge</h2>
        <p>
          This is an Open Badges 2.0 badge with hosted verification: its data lives at this address on the issuer's
          BadgeLens server, where any verifier can check that it exists, whom it was issued to (by a hashed email
          address), and whether it has expired or been revoked. It is also an Open Badges 3.0 credential, signed by the
          issuer: wallets and verifiers can check its signature themselves.
        </p>
        <dl class="facts">
          <dt>Verification method</dt>
          <dd>Hosted (Open Badges 2.0)</dd>
          <dt>Open Badges data</dt>
          <dd>
            <a href={urls.assertionJson(assertion.id)} type="application/ld+json">
              Open Badges JSON
            </a>
          </dd>
          <dt>Open Badges 3.0</dt>
          <dd>
            <a href={credentials.credential(assertion.id)} type="application/vc">
              Signed credential
            </a>
            {status !== 'revoked' && (
              <>
                {' '}
                <a class="button" href={credentials.credentialDownload(assertion.id)} download>
                  Download (Open Badges 3.0)
                </a>
              </>
            )}
          </dd>
          <dt>Revocation list</dt>
          <dd>
            <a href={urls.revocations(issuer.id)}>{issuer.name}'s revoked badges</a>
          </dd>
          {status !== 'revoked' && (
            <>
              <dt>Baked badge</dt>
              <dd>
                <a href={urls.bakedPng(assertion.id)} download>
                  Download PNG
                </a>{' '}
                ·{' '}
                <a href={urls.bakedSvg(assertion.id)} download>
                  Download SVG
                </a>
                <span class="muted"> (the image with the badge data inside)</span>
              </dd>
              {badgeClass.offersCertificate && (
                <>
                  <dt>Certificate</dt>
                  <dd>
                    <a href={certificateUrl(publicUrl, assertion.id)}>PDF, A4</a> ·{' '}
                    <a href={certificateUrl(publicUrl, assertion.id, 'letter')}>PDF, US Letter</a>
                  </dd>
                </>
              )}
            </>
          )}
        </dl>
      </section>
    </Layout>
  );
}
