/** @jsxImportSource hono/jsx */
import type { BadgeClass } from '../db/badgeClasses';
import type { Issuer } from '../db/issuers';
import { publicUrls } from '../lib/urls';
import { CatalogueSearchForm } from './CataloguePage';
import { CategorySections } from './components';
import { plural } from './format';
import { Layout } from './Layout';

export interface HomePageProps {
  badgeClasses: BadgeClass[];
  issuers: Map<string, Issuer>;
  publicUrl: string;
}

export function HomePage({ badgeClasses, issuers, publicUrl }: HomePageProps) {
  const urls = publicUrls(publicUrl);
  const description = 'Open Badges that anyone can check: issue, share and verify digital badges.';
  return (
    <Layout title="Open Badges you can check" publicUrl={publicUrl} description={description} head={<link rel="canonical" href={urls.home()} />}>
      <h1>Open Badges you can check</h1>
      <p class="lead">
        BadgeLens issues and verifies digital badges (Open Badges 2.0). Every badge has its own public page showing who
        earned it, who issued it, what it took, and whether it is still valid.
      </p>
      <ul>
        <li>
          <strong>Earners</strong> add their badges to LinkedIn, résumés and email signatures with a link that proves them.
        </li>
        <li>
          <strong>Recruiters</strong> see badges verified right on profiles with the BadgeLens browser extension.
        </li>
        <li>
          <strong>Issuers</strong> create badges and issue them through the <a href={urls.apiDocs()}>API</a>.
        </li>
      </ul>

      <section aria-labelledby="catalogue">
        <h2 id="catalogue">
          Badge catalogue <span class="muted">({plural(badgeClasses.length, 'badge')})</span>
        </h2>
        <CatalogueSearchForm query={{}} publicUrl={publicUrl} />
        {badgeClasses.length > 0 ? (
          <CategorySections badgeClasses={badgeClasses} issuers={issuers} publicUrl={publicUrl} level={3} />
        ) : (
          <p class="empty">No badges have been published yet.</p>
        )}
      </section>
    </Layout>
  );
}
