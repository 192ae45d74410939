// The earner's popup: sign in, then their badges with one-click LinkedIn, share, signature and
// download actions. Paints the last-known badges at once and refreshes them in the background.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MeBadge } from '../../shared/schemas/earners';
import type { BadgesReply, BadgesSnapshot } from '../../shared/schemas/popup';
import type { EarnerClient } from './client';
import { BadgeItem } from './BadgeItem';
import { ProfileCheck } from './ProfileCheck';
import { SignInForm } from './SignInForm';
import { SiteSwitch } from './SiteSwitch';
import { t } from '../common/i18n';
import { ageLabel, failureText, filterBadges, newestFirst, SEARCH_THRESHOLD, type FailureText } from './model';

type View =
  | { kind: 'loading' }
  | { kind: 'signed-out'; notice?: FailureText }
  | { kind: 'list'; snapshot: BadgesSnapshot; refreshing: boolean; problem?: FailureText }
  | { kind: 'error'; failure: FailureText };

export function Popup({ client, now = () => new Date() }: { client: EarnerClient; now?: () => Date }) {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [apiBaseUrl, setApiBaseUrl] = useState('');
  // After signing in the form is gone: focus moves to the list, so keyboard users are not lost.
  const [justSignedIn, setJustSignedIn] = useState(false);

  async function refresh(known: BadgesSnapshot | null, base: string) {
    const reply: BadgesReply = await client.refresh();
    if (reply.ok) return setView({ kind: 'list', snapshot: reply.snapshot, refreshing: false });
    if (reply.error === 'signed_out') return setView({ kind: 'signed-out' });
    const text = failureText(reply.error, base, reply.message);
    if (reply.error === 'session_expired') return setView({ kind: 'signed-out', notice: text });
    setView(known ? { kind: 'list', snapshot: known, refreshing: false, problem: text } : { kind: 'error', failure: text });
  }

  async function start() {
    const [base, known] = await Promise.all([client.apiBaseUrl(), client.lastKnown()]);
    setApiBaseUrl(base);
    if (known) setView({ kind: 'list', snapshot: known, refreshing: true });
    await refresh(known, base);
  }

  useEffect(() => {
    void start();
  }, []);

  async function retry() {
    const known = view.kind === 'list' ? view.snapshot : null;
    setView(known ? { kind: 'list', snapshot: known, refreshing: true } : { kind: 'loading' });
    await refresh(known, apiBaseUrl);
  }

  async function signOut() {
    setView({ kind: 'signed-out' });
    await client.signOut();
  }

  function replaceBadge(badge: MeBadge) {
    setView((current) =>
      current.kind === 'list'
        ? { ...current, snapshot: { ...current.snapshot, badges: current.snapshot.badges.map((known) => (known.id === badge.id ? badge : known)) } }
        : current,
    );
  }

  return (
    <div class="popup">
      <header class="popup-header">
        <h1>{t('extName')}</h1>
        {view.kind === 'list' && (
          <div class="account">
            <span class="account-email" title={view.snapshot.email}>
              {view.snapshot.email}
            </span>
            <button type="button" class="link-button" onClick={signOut}>
              {t('popupSignOut')}
            </button>
          </div>
        )}
      </header>
      <SiteSwitch />
      <main>
        {view.kind === 'loading' && (
          <p class="loading" role="status">
            {t('popupLoading')}
          </p>
        )}
        {view.kind === 'signed-out' && (
          <SignInForm
            client={client}
            apiBaseUrl={apiBaseUrl}
            notice={view.notice}
            onSignedIn={() => {
              setJustSignedIn(true);
              setView({ kind: 'loading' });
              void refresh(null, apiBaseUrl);
            }}
          />
        )}
        {view.kind === 'error' && (
          <section class="problem" role="alert">
            <h2>{view.failure.title}</h2>
            <p>{view.failure.advice}</p>
            <div class="row">
              <button type="button" onClick={retry}>
                {t('popupTryAgain')}
              </button>
              <button type="button" class="secondary" onClick={() => void client.openOptions()}>
                {t('popupOpenOptions')}
              </button>
            </div>
          </section>
        )}
        {view.kind === 'list' && (
          <BadgeListView
            client={client}
            apiBaseUrl={apiBaseUrl}
            snapshot={view.snapshot}
            refreshing={view.refreshing}
            problem={view.problem}
            now={now}
            focusOnShow={justSignedIn}
            onRetry={retry}
            onBadgeChanged={replaceBadge}
          />
        )}
      </main>
      <footer class="popup-footer">
        <button type="button" class="link-button" onClick={() => void client.openOptions()}>
          {t('popupOptions')}
        </button>
      </footer>
    </div>
  );
}

interface BadgeListViewProps {
  client: EarnerClient;
  apiBaseUrl: string;
  snapshot: BadgesSnapshot;
  refreshing: boolean;
  problem?: FailureText;
  now: () => Date;
  focusOnShow: boolean;
  onRetry: () => void;
  onBadgeChanged: (badge: MeBadge) => void;
}

function BadgeListView({ client, apiBaseUrl, snapshot, refreshing, problem, now, focusOnShow, onRetry, onBadgeChanged }: BadgeListViewProps) {
  const [query, setQuery] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const badges = newestFirst(snapshot.badges);
  const shown = filterBadges(badges, query);

  useEffect(() => {
    if (focusOnShow) heading.current?.focus();
  }, [focusOnShow]);

  if (badges.length === 0) {
    return (
      <section class="empty">
        <h2 ref={heading} tabIndex={-1}>
          {t('popupNoBadgesTitle')}
        </h2>
        <p>{t('popupNoBadgesText')}</p>
        <p class="muted">{t('popupNoBadgesEmail', snapshot.email)}</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="badges-heading">
      <div class="list-head">
        <h2 id="badges-heading" ref={heading} tabIndex={-1}>
          {t('popupYourBadges', badges.length)}
        </h2>
        <span class="muted" role="status">
          {refreshing ? t('popupUpdating') : t('popupUpdated', ageLabel(snapshot.fetchedAt, now()))}
        </span>
      </div>
      {problem && (
        <div class="problem" role="alert">
          <p>
            <strong>{problem.title}</strong> {problem.advice} {t('popupShowingAsOf', ageLabel(snapshot.fetchedAt, now()))}
          </p>
          <button type="button" onClick={onRetry}>
            {t('popupTryAgain')}
          </button>
        </div>
      )}
      <ProfileCheck client={client} badges={badges} />
      {badges.length >= SEARCH_THRESHOLD && (
        <div class="search">
          <label for="badge-search">{t('popupSearchLabel')}</label>
          <input id="badge-search" type="search" value={query} placeholder={t('popupSearchPlaceholder')} onInput={(event) => setQuery(event.currentTarget.value)} />
        </div>
      )}
      {shown.length === 0 ? (
        <p role="status">{t('popupNoMatch', query)}</p>
      ) : (
        <ul class="badges">
          {shown.map((badge) => (
            <BadgeItem key={badge.id} badge={badge} client={client} apiBaseUrl={apiBaseUrl} onChanged={onBadgeChanged} />
          ))}
        </ul>
      )}
    </section>
  );
}
