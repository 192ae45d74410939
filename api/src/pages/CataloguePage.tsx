/** @jsxImportSource hono/jsx */
import { BADGE_CATEGORIES, type BadgeCategory } from '../../../shared/schemas/verify';
import type { BadgeClass } from '../db/badgeClasses';
import type { Issuer } from '../db/issuers';
import { publicUrls } from '../lib/urls';
import { CategorySections } from './components';
import { CATEGORY_LABELS, plural } from './format';
import { Layout } from './Layout';

export interface CatalogueQuery {
  category?: BadgeCategory;
  q?: string;
}

export interface CataloguePageProps {
  badgeClasses: BadgeClass[];
  issuers: Map<string, Issuer>;
  query: CatalogueQuery;
  publicUrl: string;
}

/** A GET form: search and filter work without JavaScript and give shareable URLs. */
export function CatalogueSearchForm({ query, publicUrl }: { query: CatalogueQuery; publicUrl: string }) {
  return (
    <form class="search" method="get" action={publicUrls(publicUrl).catalogue()} role="search" aria-label="Search badges">
      <div class="field">
        <label for="catalogue-q">Search</label>
        <input id="catalogue-q" type="search" name="q" value={query.q ?? ''} placeholder="Name, skill or topic" maxlength={200} />
      </div>
      <div class="field">
        <label for="catalogue-category">Category</label>
        <select id="catalogue-category" name="category">
          <option value="" selected={!query.category}>
            All categories
          </option>
          {BADGE_CATEGORIES.map((category) => (
            <option value={category} selected={query.category === category}>
              {CATEGORY_LABELS[category]}
            </option>
          ))}
        </select>
      </div>
      <button class="button" type="submit">
        Show badges
      </button>
    </form>
  );
}

/** What the current filter asks for, in words: "“weld” in Skill". */
function describeQuery({ category, q }: CatalogueQuery): string {
  return [q ? `“${q}”` : '', category ? `in ${CATEGORY_LABELS[category]}` : ''].filter(Boolean).join(' ');
}

export function CataloguePage({ badgeClasses, issuers, query, publicUrl }: CataloguePageProps) {
  const urls = publicUrls(publicUrl);
  const filtered = Boolean(query.category || query.q);
  const title = query.category ? `${CATEGORY_LABELS[query.category]} badges` : 'Badge catalogue';

  return (
    <Layout title={title} publicUrl={publicUrl} description="Every badge published on BadgeLens, by category." head={<link rel="canonical" href={urls.catalogue()} />}>
      <h1>{title}</h1>
      <CatalogueSearchForm query={query} publicUrl={publicUrl} />

      {badgeClasses.length === 0 ? (
        <div class="empty">
          {filtered ? (
            <>
              <p>{query.q ? `No badges match ${describeQuery(query)}.` : `There are no ${CATEGORY_LABELS[query.category!]} badges yet.`}</p>
              <p>
                <a href={urls.catalogue()}>Show all badges</a>
              </p>
            </>
          ) : (
            <p>No badges have been published yet.</p>
          )}
        </div>
      ) : (
        <>
          <p class="muted" id="result-count">
            {plural(badgeClasses.length, 'badge')}
            {filtered && (
              <>
                {' '}
                {query.q && (badgeClasses.length === 1 ? 'matches ' : 'match ')}
                {describeQuery(query)} · <a href={urls.catalogue()}>Show all badges</a>
              </>
            )}
          </p>
          <CategorySections badgeClasses={badgeClasses} issuers={issuers} publicUrl={publicUrl} level={2} />
        </>
      )}
    </Layout>
  );
}
