/** @jsxImportSource hono/jsx */
import type { SelfClaimRecord } from '../db/selfClaims';
import { publicUrls } from '../lib/urls';
import { AboutBadge, BadgeHero, DateText, RequirementList, SocialTags } from './components';
import { formatDate } from './format';
import { Layout } from './Layout';

export interface SelfClaimPageProps {
  record: SelfClaimRecord;
  publicUrl: string;
}

/** The words every place uses for a badge no issuer has verified. */
export const SELF_CLAIMED_LABEL = 'Self-claimed — not verified';

export function selfClaimTitle({ badgeClass, holderName }: SelfClaimRecord): string {
  return `${holderName} claims ${badgeClass.name} (${SELF_CLAIMED_LABEL.toLowerCase()})`;
}

export function selfClaimDescription({ claim, issuer, holderName }: SelfClaimRecord): string {
  return `${SELF_CLAIMED_LABEL}: ${holderName} added this skill on ${formatDate(claim.createdAt)}. ${issuer.name} has not confirmed it.`;
}

function QuestionIcon() {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="32" height="32">
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2.5" stroke-dasharray="4 3" />
      <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7M12 17h.01" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" />
    </svg>
  );
}

/**
 * The page of a skill badge an earner claimed for themselves. It never looks verified: no check mark, no
 * Open Badges data, credential, baked image or certificate (there is no issuer's assertion to offer), only
 * what would make it verified. When an issuer verifies it, the same URL shows the issued badge's page.
 */
export function SelfClaimPage({ record, publicUrl }: SelfClaimPageProps) {
  const { claim, badgeClass, issuer, holderName } = record;
  const urls = publicUrls(publicUrl);
  const title = selfClaimTitle(record);
  const description = selfClaimDescription(record);
  const alt = `${badgeClass.name} badge (self-claimed, not verified)`;
  return (
    <Layout
      title={title}
      publicUrl={publicUrl}
      description={description}
      noIndex
      bodyClass="self-claimed"
      head={<SocialTags title={title} description={description} url={urls.assertion(claim.id)} image={urls.badgeClassImage(badgeClass.id)} imageAlt={alt} />}
    >
      <div class="status status-self-claimed" id="status">
        <QuestionIcon />
        <div>
          <strong class="status-title">{SELF_CLAIMED_LABEL}</strong>
          <p>
            {holderName} says they have this skill. {issuer.name} has not verified it: this is not a badge issued by {issuer.name}.
          </p>
        </div>
      </div>

      <BadgeHero
        image={urls.badgeClassImage(badgeClass.id)}
        alt={alt}
        name={badgeClass.name}
        lead={
          <>
            A skill badge of <a href={urls.issuer(issuer.id)}>{issuer.name}</a>, self-claimed
          </>
        }
      >
        <dl class="facts">
          <dt>Claimed by</dt>
          <dd>{holderName}</dd>
          <dt>Claimed on</dt>
          <dd>
            <DateText iso={claim.createdAt} />
          </dd>
          <dt>Verified by an issuer</dt>
          <dd>No</dd>
        </dl>
      </BadgeHero>

      <AboutBadge badgeClass={badgeClass} publicUrl={publicUrl} />

      <section aria-labelledby="verification">
        <h2 id="verification">How it becomes verified</h2>
        {badgeClass.requirements.length > 0 ? (
          <>
            <p>
              When {issuer.name} reports that {holderName} completed any one of these, this badge becomes an issued badge at this same address:
            </p>
            <RequirementList requirements={badgeClass.requirements} />
          </>
        ) : (
          <p>{issuer.name} lists no requirement for this badge yet, so nothing can verify this claim for now.</p>
        )}
      </section>
    </Layout>
  );
}
