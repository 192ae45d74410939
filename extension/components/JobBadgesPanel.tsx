// "Badges for this job": the catalogue badges that match a posting's skills, which of them the
// signed-in earner holds, how to earn the others, and the companies' roles and schools' courses
// related to them. Rendered by Preact inside a shadow root:
// every API string reaches the DOM as text, links only as http(s).
import type { MatchedBadge, RelatedOpportunities } from '../../shared/schemas/jobsites';
import type { REQUIREMENT_KINDS } from '../../shared/schemas/badges';
import { formatDate, plural, t } from '../common/i18n';
import { categoryLabel } from './labels';

export type JobPanelState =
  | { kind: 'loading' }
  | { kind: 'failed' }
  | { kind: 'ready'; badges: MatchedBadge[]; signedIn: boolean; related: RelatedOpportunities };

export interface JobBadgesPanelProps {
  state: JobPanelState;
  dark: boolean;
  onDismiss: () => void;
  onRetry: () => void;
}

function kindLabel(kind: (typeof REQUIREMENT_KINDS)[number]): string {
  switch (kind) {
    case 'course':
      return t('requirementCourse');
    case 'seminar':
      return t('requirementSeminar');
    case 'quiz':
      return t('requirementQuiz');
    case 'conference':
      return t('requirementConference');
    case 'other':
      return t('requirementOther');
  }
}

export function JobBadgesPanel({ state, dark, onDismiss, onRetry }: JobBadgesPanelProps) {
  const heldCount = state.kind === 'ready' ? state.badges.filter((badge) => badge.held).length : 0;
  return (
    <section class="job-panel overlay" data-theme={dark ? 'dark' : 'light'} data-state={state.kind} aria-labelledby="badgelens-job-panel-title">
      <header class="job-panel-header">
        <h2 id="badgelens-job-panel-title" class="job-panel-title">
          {t('jobPanelTitle')}
        </h2>
        <button type="button" class="job-panel-dismiss" onClick={onDismiss} aria-label={t('jobPanelDismiss')}>
          ✕
        </button>
      </header>
      {state.kind === 'loading' ? (
        <p class="job-panel-note" role="status">
          {t('jobPanelLoading')}
        </p>
      ) : state.kind === 'failed' ? (
        <p class="job-panel-note" role="status">
          {t('jobPanelFailed')}{' '}
          <button type="button" class="retry" onClick={onRetry}>
            {t('overlayRetry')}
          </button>
        </p>
      ) : state.badges.length === 0 ? (
        <p class="job-panel-note" role="status">
          {t('jobPanelNone')}
        </p>
      ) : (
        <>
          <p class="job-panel-note" role="status">
            {matchesSentence(state.badges.length, state.signedIn ? heldCount : null)}
          </p>
          <ul class="job-panel-list">
            {state.badges.map((badge) => (
              <JobBadge badge={badge} key={badge.id} />
            ))}
          </ul>
          <Related related={state.related} badges={state.badges} />
        </>
      )}
    </section>
  );
}

function matchesSentence(count: number, held: number | null): string {
  const matches = plural(count, { one: () => t('jobPanelMatchesOne', count), other: () => t('jobPanelMatchesOther', count) });
  return held === null ? t('jobPanelMatches', matches) : t('jobPanelMatchesHeld', matches, held);
}

function JobBadge({ badge }: { badge: MatchedBadge }) {
  return (
    <li class="job-badge" data-held={badge.held ? 'true' : 'false'}>
      <div class="job-badge-line">
        <a class="job-badge-name" href={safeHttpUrl(badge.pageUrl)} target="_blank" rel="noopener noreferrer">
          {badge.name}
        </a>
        {badge.held ? (
          <span class="chip chip--verified">
            <span class="chip-icon" aria-hidden="true">
              ✓
            </span>
            <span class="chip-label">{t('jobPanelYouHoldThis')}</span>
          </span>
        ) : null}
      </div>
      <p class="job-badge-meta">
        {categoryLabel(badge.category)} · {badge.issuerName}
      </p>
      {!badge.held && badge.requirements.length > 0 ? (
        <div class="job-badge-earn">
          <p class="job-badge-earn-title">{badge.requirements.length === 1 ? t('jobPanelHowToEarnOne') : t('jobPanelHowToEarnAny')}</p>
          <ul>
            {badge.requirements.map((requirement, index) => (
              <li key={index}>
                <span class="job-badge-kind">{kindLabel(requirement.kind)}:</span>{' '}
                {requirement.url && safeHttpUrl(requirement.url) ? (
                  <a href={safeHttpUrl(requirement.url)} target="_blank" rel="noopener noreferrer">
                    {requirement.title}
                  </a>
                ) : (
                  requirement.title
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}

interface RelatedLine {
  id: string;
  title: string;
  link: string;
  /** Who offers it, and where. */
  by: string;
  /** Its format, dates and the posting's badges it relates to. */
  meta: string;
}

/** The roles asking for the posting's badges and the courses leading to them, each saying which badges. */
function Related({ related, badges }: { related: RelatedOpportunities; badges: MatchedBadge[] }) {
  const names = new Map(badges.map((badge) => [badge.id, badge.name]));
  const badgeNames = (ids: string[]) => ids.flatMap((id) => names.get(id) ?? []).join(', ');
  const roles = related.roles.map(({ id, title, link, organisation, location, badgeIds }) => ({
    id,
    title,
    link,
    by: location ? `${organisation}, ${location}` : organisation,
    meta: t('jobPanelAsksFor', badgeNames(badgeIds)),
  }));
  const courses = related.courses.map(({ id, title, link, organisation, format, location, startsOn, badgeIds }) => ({
    id,
    title,
    link,
    by: organisation,
    meta: [
      format === 'online' ? t('jobPanelOnline') : location ? t('jobPanelInPersonAt', location) : t('jobPanelInPerson'),
      startsOn ? t('jobPanelStarts', formatDate(startsOn)) : null,
      t('jobPanelLeadsTo', badgeNames(badgeIds)),
    ]
      .filter(Boolean)
      .join(' · '),
  }));
  return (
    <>
      <RelatedSection kind="role" heading={t('jobPanelRolesTitle')} lines={roles} />
      <RelatedSection kind="course" heading={t('jobPanelCoursesTitle')} lines={courses} />
    </>
  );
}

function RelatedSection({ kind, heading, lines }: { kind: 'role' | 'course'; heading: string; lines: RelatedLine[] }) {
  if (lines.length === 0) return null;
  const headingId = `badgelens-job-${kind}s`;
  return (
    <section class="job-related" aria-labelledby={headingId}>
      <h3 id={headingId} class="job-related-title">
        {heading}
      </h3>
      <ul>
        {lines.map((line) => (
          <li key={line.id} class={`job-related-${kind}`}>
            <a href={safeHttpUrl(line.link)} target="_blank" rel="noopener noreferrer">
              {line.title}
            </a>{' '}
            · {line.by}
            <p class="job-badge-meta">{line.meta}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function safeHttpUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
