/** @jsxImportSource hono/jsx */
import type { BadgeClass } from '../db/badgeClasses';
import type { Issuer } from '../db/issuers';
import { publicUrls } from '../lib/urls';
import { CategorySections, OutsideLink, Prose, SocialTags } from './components';
import { plural, truncate } from './format';
import { Layout } from './Layout';

export interface IssuerPageProps {
  issuer: Issuer;
  badgeClasses: BadgeClass[];
  publicUrl: string;
}

/** An issuer's profile with its badges by category. */
export function IssuerPage({ issuer, badgeClasses, publicUrl }: IssuerPageProps) {
  const urls = publicUrls(publicUrl);
  const pageUrl = urls.issuer(issuer.id);
  const description = truncate(issuer.description ?? `Badges issued by ${issuer.name}.`, 200);

  return (
    <Layout
      title={issuer.name}
      publicUrl={publicUrl}
      description={description}
      head={
        <>
          {issuer.image && <SocialTags title={issuer.name} description={description} url={pageUrl} image={urls.issuerImage(issuer.id)} imageAlt={`${issuer.name} logo`} />}
          {!issuer.image && <link rel="canonical" href={pageUrl} />}
          <link rel="alternate" type="application/ld+json" href={urls.issuerJson(issuer.id)} />
        </>
      }
    >
      <div class="hero">
        {issuer.image && (
          <div class="hero-image">
            <img src={urls.issuerImage(issuer.id)} alt={`${issuer.name} logo`} width="192" height="192" />
          </div>
        )}
        <div class="hero-text">
          <p class="muted">Badge issuer</p>
          <h1>{issuer.name}</h1>
          {issuer.description && <Prose text={issuer.description} />}
          <dl class="facts">
            <dt>Website</dt>
            <dd>
              <OutsideLink href={issuer.url}>{issuer.url}</OutsideLink>
            </dd>
            <dt>Contact</dt>
            <dd>
              <a href={`mailto:${issuer.email}`}>{issuer.email}</a>
            </dd>
            <dt>Open Badges data</dt>
            <dd>
              <a href={urls.issuerJson(issuer.id)} type="application/ld+json">
                Issuer profile JSON
              </a>{' '}
              · <a href={urls.revocations(issuer.id)}>Revocation list</a>
            </dd>
          </dl>
        </div>
      </div>

      <section aria-labelledby="badges">
        <h2 id="badges">
          Badges by {issuer.name} <span class="muted">({plural(badgeClasses.length, 'badge')})</span>
        </h2>
        {badgeClasses.length > 0 ? (
          <CategorySections badgeClasses={badgeClasses} publicUrl={publicUrl} level={3} />
        ) : (
          <p class="empty">{issuer.name} has not published any badges yet.</p>
        )}
      </section>
    </Layout>
  );
}
