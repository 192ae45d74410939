// The "Badges for this job" panel on a job posting: reads the posting through its site's adapter,
// asks the extension's background for the related catalogue badges (the background matches the text
// locally against the skill vocabulary: nothing of the posting leaves the browser) and keeps one
// dismissible panel before the posting while the page changes.
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PostingText } from '../../shared/skills';
import { JobBadgesPanel, type JobPanelState } from '../components/JobBadgesPanel';
import { JOB_PANEL_CSS } from '../components/styles';
import type { JobSiteAdapter } from '../sites/posting';
import type { FeatureContext } from './feature';
import { requestPostingBadges } from './messaging';
import { throttledTask } from './schedule';
import { createPreactUi, watchMutations, type PreactUi } from './shadow-ui';

export const PANEL_TAG = 'badgelens-job-panel';
/** While the page keeps changing, at most one scan per this interval. */
const MIN_SCAN_INTERVAL_MS = 150;
/** Postings dismissed in this tab (by site and posting key): switching back does not bring the panel back. */
const dismissed = new Set<string>();

/** Shows the panel for the posting on this page, read by `site`, until the signal aborts. */
export function showPostingPanel({ signal, ctx, url }: FeatureContext, site: JobSiteAdapter): void {
  const key = `${site.id}:${site.postingKey(url) ?? url.pathname}`;
  if (dismissed.has(key)) return;
  const panel = new PostingPanel(document, ctx, signal, site, key);
  panel.scan();
  const scanSoon = throttledTask(() => panel.scan(), MIN_SCAN_INTERVAL_MS, signal);
  watchMutations(document, signal, (records) => panel.affectedBy(records), scanSoon);
}

class PostingPanel {
  private postingKey: string | null = null;
  private posting: PostingText | null = null;
  private state: JobPanelState = { kind: 'loading' };
  private ui?: PreactUi;
  private anchor: Element | null = null;
  private creating = false;
  private request = 0;
  private closed = false;

  constructor(
    private readonly doc: Document,
    private readonly ctx: ContentScriptContext,
    private readonly signal: AbortSignal,
    private readonly site: JobSiteAdapter,
    private readonly dismissKey: string,
  ) {
    signal.addEventListener('abort', () => this.teardown(), { once: true });
  }

  /** Our own host changing never matters; anything else may be the posting arriving or being replaced. */
  affectedBy(records: MutationRecord[]): boolean {
    return records.some(
      (record) =>
        ![...record.addedNodes, ...record.removedNodes].every((node) => node.nodeType === 1 && (node as Element).tagName.toLowerCase() === PANEL_TAG) ||
        (record.addedNodes.length === 0 && record.removedNodes.length === 0),
    );
  }

  scan(): void {
    if (this.closed) return;
    const posting = this.site.readPosting(this.doc);
    if (!posting || !(posting.title + posting.sections.join('')).trim()) {
      this.removeUi();
      this.postingKey = null;
      this.posting = null;
      return;
    }
    const postingKey = [posting.title, ...posting.sections].join('\n');
    if (postingKey !== this.postingKey) {
      this.postingKey = postingKey;
      this.posting = posting;
      void this.search(posting);
    }
    // No related badge: no panel (the posting may still be arriving).
    if (this.state.kind === 'ready' && this.state.badges.length === 0) {
      this.removeUi();
      return;
    }
    this.place();
  }

  private async search(posting: PostingText): Promise<void> {
    const request = ++this.request;
    this.setState({ kind: 'loading' });
    const reply = await requestPostingBadges(posting);
    if (this.signal.aborted || request !== this.request) return;
    // An older background (during an update) sends no related roles and courses.
    this.setState(reply.ok ? { kind: 'ready', badges: reply.badges, signedIn: reply.signedIn, related: reply.related ?? { roles: [], courses: [] } } : { kind: 'failed' });
    if (reply.ok && reply.badges.length === 0) this.removeUi();
    else this.place();
  }

  private setState(state: JobPanelState): void {
    this.state = state;
    this.render();
  }

  /** One panel per page, before the posting's description (or at the top of the page). */
  private place(): void {
    const anchor = this.site.panelAnchor(this.doc) ?? this.doc.body;
    if (this.ui && this.anchor === anchor && this.ui.shadowHost.isConnected) return;
    if (this.ui && this.anchor === anchor) {
      this.ui.mount();
      this.render();
      return;
    }
    this.removeUi();
    if (this.creating) return;
    this.creating = true;
    this.anchor = anchor;
    void createPreactUi(this.ctx, { name: PANEL_TAG, anchor, append: anchor === this.doc.body ? 'first' : 'before', css: JOB_PANEL_CSS }).then((ui) => {
      this.creating = false;
      if (this.closed || this.anchor !== anchor) {
        ui.remove();
        return;
      }
      // No duplicates: a panel left by an earlier run of this script goes.
      for (const stale of this.doc.querySelectorAll(PANEL_TAG)) stale.remove();
      this.ui = ui;
      ui.mount();
      this.render();
    });
  }

  private render(): void {
    const target = this.ui?.mounted;
    if (!target) return;
    render(
      <JobBadgesPanel
        state={this.state}
        dark={prefersDark(this.doc)}
        onDismiss={() => this.dismiss()}
        onRetry={() => this.posting && void this.search(this.posting)}
      />,
      target,
    );
  }

  private dismiss(): void {
    dismissed.add(this.dismissKey);
    this.teardown();
  }

  private removeUi(): void {
    this.ui?.remove();
    this.ui = undefined;
    this.anchor = null;
  }

  private teardown(): void {
    this.request++;
    this.closed = true;
    this.removeUi();
  }
}

function prefersDark(doc: Document): boolean {
  return doc.documentElement.classList.contains('theme--dark') || doc.body.classList.contains('theme--dark');
}
