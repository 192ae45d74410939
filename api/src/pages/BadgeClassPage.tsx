/** @jsxImportSource hono/jsx */
import type { BadgeClass } from '../db/badgeClasses';
import type { Issuer } from '../db/issuers';
import { earnerUrls } from '../earners/urls';
import { publicUrls } from '../lib/urls';
import { AlignmentList, BadgeHero, IssuedBy, Prose, RequirementList, SkillTags, SocialTags } from './components';
import { CATEGORY_LABELS, truncate, validityText } from './format';
import { Layout } from './Layout';

export interface BadgeClassPageProps {
  badgeClass: BadgeClass;
  issuer: Issuer;
  publicUrl: string;
  /** For a logged-in earner: the options they have completed. */
  completedRequirementIds?: ReadonlySet<string>;
  /** Skill badges only: what the "I can do this" section offers the viewer. */
  selfClaim?: SelfClaimOffer;
}

/**
 * A skill badge page's "I can do this" section: a sign-in link for visitors (the same for all, so the page stays
 * cacheable), the form for a signed-in earner, or a link to the badge they claimed or hold.
 */
export type SelfClaimOffer =
  | { kind: 'sign_in' }
  | { kind: 'form'; csrf: string }
  | { kind: 'claimed'; url: string }
  | { kind: 'held'; url: string };

function SelfClaimSection({ badgeClass, offer }: { badgeClass: BadgeClass; offer: SelfClaimOffer }) {
  return (
    <section id="self-claim" aria-labelledby="self-claim-heading">
      <h2 id="self-claim-heading">Do you have this skill?</h2>
      {offer.kind === 'held' ? (
        <p>
          You hold this badge: <a href={offer.url}>your {badgeClass.name} badge</a>.
        </p>
      ) : offer.kind === 'claimed' ? (
        <p>
          You claimed this skill: <a href={offer.url}>your self-claimed badge</a> shows as “Self-claimed — not verified” until its issuer verifies it.
        </p>
      ) : (
        <>
          <p>
            Add it to your badges as “Self-claimed — not verified”. It becomes a verified badge, at the same address, once its issuer learns that you
            completed one of its requirements.
          </p>
          {offer.kind === 'form' ? (
            <form method="post" action={`/badges/${badgeClass.id}/claim`} class="inline-form">
              <input type="hidden" name="csrf" value={offer.csrf} />
              <button type="submit" class="button">
                I can do this
              </button>
            </form>
          ) : (
            <p>
              <a class="button" href={earnerUrls('').login(`/badges/${badgeClass.id}`)}>
                Sign in to claim it
              </a>
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** A badge's own page: what it certifies and how to earn it. Its #criteria section is the BadgeClass criteria id. */
export function BadgeClassPage({ badgeClass, issuer, publicUrl, completedRequirementIds, selfClaim }: BadgeClassPageProps) {
  const urls = publicUrls(publicUrl);
  const pageUrl = urls.badgeClass(badgeClass.id);
  const alt = `${badgeClass.name} badge issued by ${issuer.name}`;
  const description = truncate(badgeClass.description, 200);

  return (
    <Layout
      title={badgeClass.name}
      publicUrl={publicUrl}
      description={description}
      head={
        <>
          <SocialTags title={`${badgeClass.name} — a badge by ${issuer.name}`} description={description} url={pageUrl} image={urls.badgeClassImage(badgeClass.id)} imageAlt={alt} />
          <link rel="alternate" type="application/ld+json" href={urls.badgeClassJson(badgeClass.id)} />
        </>
      }
    >
      <BadgeHero
        image={urls.badgeClassImage(badgeClass.id)}
        alt={alt}
        name={badgeClass.name}
        lead={<IssuedBy issuer={issuer} publicUrl={publicUrl} />}
      >
        <dl class="facts">
          <dt>Category</dt>
          <dd>{CATEGORY_LABELS[badgeClass.category]}</dd>
          <dt>Validity</dt>
          <dd>{validityText(badgeClass.validityMonths)}</dd>
          <dt>Certificate</dt>
          <dd>{badgeClass.offersCertificate ? 'A PDF certificate is offered with this badge' : 'No PDF certificate'}</dd>
        </dl>
      </BadgeHero>

      <section aria-labelledby="certifies">
        <h2 id="certifies">What it certifies</h2>
        <Prose text={badgeClass.description} />
      </section>

      <section id="criteria" aria-labelledby="criteria-heading">
        <h2 id="criteria-heading">Criteria</h2>
        <Prose text={badgeClass.criteriaNarrative} />
      </section>

      <section aria-labelledby="earn">
        <h2 id="earn">How to earn it</h2>
        {badgeClass.requirements.length > 0 ? (
          <>
            <p>{badgeClass.requirements.length > 1 ? 'Complete any one of these:' : 'Complete this:'}</p>
            <RequirementList requirements={badgeClass.requirements} completed={completedRequirementIds} />
          </>
        ) : (
          <p>Meet the criteria above; {issuer.name} awards the badge.</p>
        )}
      </section>

      {selfClaim && <SelfClaimSection badgeClass={badgeClass} offer={selfClaim} />}

      {badgeClass.skills.length > 0 && (
        <section aria-labelledby="skills">
          <h2 id="skills">Skills</h2>
          <SkillTags skills={badgeClass.skills} />
        </section>
      )}

      {badgeClass.alignment.length > 0 && (
        <section aria-labelledby="alignment">
          <h2 id="alignment">Aligned with</h2>
          <AlignmentList alignment={badgeClass.alignment} />
        </section>
      )}

      <section aria-labelledby="data">
        <h2 id="data">Open Badges data</h2>
        <p>
          <a href={urls.badgeClassJson(badgeClass.id)} type="application/ld+json">
            BadgeClass JSON
          </a>{' '}
          ·{' '}
          <a href={urls.issuer(issuer.id)}>More badges by {issuer.name}</a>
        </p>
      </section>
    </Layout>
  );
}
