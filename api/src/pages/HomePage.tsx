/** @jsxImportSource hono/jsx */
import type { BadgeClass } from '../db/badgeClasses';
import type { Issuer } from '../db/issuers';
import { publicUrls } from '../lib/urls';
import { CatalogueSearchForm } from './CataloguePage';
import { BadgeCard, groupByCategory } from './components';
import { CATEGORY_DESCRIPTIONS, CATEGORY_LABELS, plural } from './format';
import { Layout } from './Layout';

export interface HomePageProps {
  badgeClasses: BadgeClass[];
  issuers: Map<string, Issuer>;
  publicUrl: string;
  /** Published companies and schools. */
  organisations?: { kind: 'company' | 'school'; name: string; slug: string }[];
}

/** One badge of each category, in catalogue order: a taste of the catalogue, not all of it. */
export function featuredBadges(badgeClasses: BadgeClass[]): BadgeClass[] {
  return groupByCategory(badgeClasses).map(([, items]) => items[0]);
}

function OrganisationLinks({ organisations, publicUrl }: { organisations: NonNullable<HomePageProps['organisations']>; publicUrl: string }) {
  if (organisations.length === 0) return null;
  return (
    <>
      See{' '}
      {organisations.map((organisation, index) => (
        <>
          {index > 0 ? ', ' : ''}
          <a href={`${publicUrl}/organisations/${organisation.slug}`}>{organisation.name}</a> ({organisation.kind === 'company' ? 'company' : 'school'})
        </>
      ))}
      .
    </>
  );
}

/** The landing page: what BadgeLens does for each kind of visitor, search, a few badges, the categories. */
export function HomePage({ badgeClasses, issuers, publicUrl, organisations = [] }: HomePageProps) {
  const urls = publicUrls(publicUrl);
  const description = 'Open Badges that anyone can check: issue, share and verify digital badges.';
  const categories = groupByCategory(badgeClasses);
  return (
    <Layout title="Open Badges you can check" publicUrl={publicUrl} description={description} head={<link rel="canonical" href={urls.home()} />}>
      <h1>Open Badges you can check</h1>
      <p class="lead">
        BadgeLens issues and verifies digital badges (Open Badges 2.0 and 3.0). Every badge has its own public page showing who
        earned it, who issued it, what it took, and whether it is still valid.
      </p>

      <section aria-labelledby="for-whom">
        <h2 id="for-whom">What it does for you</h2>
        <ul class="audiences">
          <li>
            <h3>Earners</h3>
            <p>
              Claim the badges you are sent, keep them in <a href={`${publicUrl}/portfolio`}>your portfolio</a>, and add them to LinkedIn, your
              résumé and your email signature with a link that proves them.
            </p>
          </li>
          <li>
            <h3>Recruiters</h3>
            <p>
              With the BadgeLens browser extension, badges on LinkedIn profiles and job sites show their image and whether they are verified,
              expired or revoked, right where you read them.
            </p>
          </li>
          <li>
            <h3>Job seekers and students</h3>
            <p>
              Your public portfolio is your profile. <a href={`${publicUrl}/profile/opt-ins`}>Let employers and schools find you</a> through
              your badges, and see the roles that fit and the courses that lead to the badges you want.
            </p>
          </li>
          <li>
            <h3>Employers and schools</h3>
            <p>
              Post the badges each role asks for, or the badges each course prepares for, and find the people who hold or want them, ranked and
              explained. <OrganisationLinks organisations={organisations} publicUrl={publicUrl} />
            </p>
          </li>
          <li>
            <h3>Issuers</h3>
            <p>
              Define badges and issue them by email through the <a href={urls.apiDocs()}>API</a>; each one is published as standard Open
              Badges data that any verifier can check.
            </p>
          </li>
        </ul>
      </section>

      <section aria-labelledby="find">
        <h2 id="find">Find a badge</h2>
        <CatalogueSearchForm query={{}} publicUrl={publicUrl} />
      </section>

      {badgeClasses.length === 0 ? (
        <p class="empty">No badges have been published yet.</p>
      ) : (
        <>
          <section aria-labelledby="featured">
            <h2 id="featured">Featured badges</h2>
            <ul class="cards">
              {featuredBadges(badgeClasses).map((badgeClass) => (
                <BadgeCard badgeClass={badgeClass} issuer={issuers.get(badgeClass.issuerId)} publicUrl={publicUrl} level={3} />
              ))}
            </ul>
          </section>

          <section aria-labelledby="categories">
            <h2 id="categories">
              Browse by category <span class="muted">({plural(badgeClasses.length, 'badge')})</span>
            </h2>
            <ul class="category-links">
              {categories.map(([category, items]) => (
                <li>
                  <a href={`${urls.catalogue()}?category=${category}`}>
                    {CATEGORY_LABELS[category]} <span class="muted">({plural(items.length, 'badge')})</span>
                  </a>
                  <p class="muted">{CATEGORY_DESCRIPTIONS[category]}</p>
                </li>
              ))}
            </ul>
            <p>
              <a href={urls.catalogue()}>See the whole catalogue</a>
            </p>
          </section>
        </>
      )}
    </Layout>
  );
}
