// On a switched-on applicant-tracking system or any switched-on page: every link to a badge (this
// server's, or a platform's badge address: Credly, Canvas Credentials / Badgr, Accredible) gets the
// same status chip and card as on LinkedIn, and a summary pill sums them up.
// No name check here: an application page has no single profile name to compare with.
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { MAX_MESSAGE_URLS } from '../../shared/limits';
import type { CheckedResult } from '../../shared/schemas/messages';
import { apiOrigin } from '../common/settings';
import { BadgeOverlay } from '../components/BadgeOverlay';
import { OVERLAY_CSS } from '../components/styles';
import { SummaryPill } from '../components/SummaryPill';
import { pageBadgeImages, type PageBadgeImages } from '../content/badge-images';
import { defineFeature } from '../content/feature';
import { checkedState, isUntouched, mayRetry, summarize, summaryText, summaryTone, type OverlayState } from '../content/overlay-model';
import { throttledTask } from '../content/schedule';
import { createPreactUi, createPreactUiUnlessGone, OVERLAY_TAG, SUMMARY_TAG, watchMutations, type PreactUi } from '../content/shadow-ui';
import { isPageSwitchedOn, readApiBaseUrl } from '../content/stored-settings';
import { answerFor, pageVerification, type PageVerification } from '../content/verification';
import { adapterFor } from '../sites/jobSites';
import type { JobSiteAdapter } from '../sites/posting';

/** While the page keeps changing, at most one scan per this interval. */
const MIN_SCAN_INTERVAL_MS = 100;

export default defineFeature({
  id: 'jobsite-badge-chips',
  description: 'Marks every badge link on a switched-on page (an application, a résumé), BadgeLens’ and other platforms’, with its status and card, with a summary pill.',
  site: 'jobsites',
  include: (url) => url.protocol === 'https:' || url.protocol === 'http:',
  async init({ signal, ctx, url }) {
    const [switchedOn, apiBaseUrl] = await Promise.all([isPageSwitchedOn(url.href), readApiBaseUrl()]);
    const badgeOrigin = apiOrigin(apiBaseUrl);
    if (!switchedOn || !badgeOrigin || signal.aborted) return;
    const chips = new PageChips(document, ctx, signal, adapterFor(url), badgeOrigin);
    chips.scan();
    const scanSoon = throttledTask(() => chips.scan(), MIN_SCAN_INTERVAL_MS, signal);
    watchMutations(document, signal, (records) => chips.affectedBy(records), scanSoon);
  },
});

interface Chip {
  link: HTMLAnchorElement;
  url: string;
  state: OverlayState;
  imageDataUrl?: string;
  ui?: PreactUi;
  removed: boolean;
}

class PageChips {
  private readonly chips = new Map<HTMLAnchorElement, Chip>();
  private summary?: { ui?: PreactUi; removed: boolean };
  private readonly verification: PageVerification;
  private readonly images: PageBadgeImages;

  constructor(
    private readonly doc: Document,
    private readonly ctx: ContentScriptContext,
    private readonly signal: AbortSignal,
    private readonly site: JobSiteAdapter,
    private readonly badgeOrigin: string,
  ) {
    this.verification = pageVerification(ctx);
    this.images = pageBadgeImages(ctx);
    signal.addEventListener('abort', () => this.teardown(), { once: true });
  }

  affectedBy(records: MutationRecord[]): boolean {
    for (const record of records) {
      if (record.type === 'attributes') return true;
      for (const node of [...record.addedNodes, ...record.removedNodes]) {
        if (node.nodeType !== 1) continue;
        const tag = (node as Element).tagName.toLowerCase();
        if (tag !== OVERLAY_TAG && tag !== SUMMARY_TAG) return true;
      }
    }
    return false;
  }

  scan(): void {
    const current = new Map(this.site.findBadgeLinks(this.doc, this.badgeOrigin).map((found) => [found.link, found.badgeUrl]));
    for (const chip of this.chips.values()) {
      if (current.get(chip.link) !== chip.url) this.remove(chip);
      else if (chip.ui && !chip.ui.shadowHost.isConnected) chip.ui.mount();
    }
    const unchecked: Chip[] = [];
    for (const [link, url] of current) {
      if (this.chips.has(link)) continue;
      const chip: Chip = { link, url, state: { kind: 'checking' }, removed: false };
      const known = this.verification.remembered(url);
      if (known) this.showResult(chip, known, false);
      else unchecked.push(chip);
      this.chips.set(link, chip);
      void this.mount(chip);
    }
    if (unchecked.length) void this.verify(unchecked, false);
    this.updateSummary();
  }

  private async verify(chips: Chip[], fresh: boolean): Promise<void> {
    for (let start = 0; start < chips.length; start += MAX_MESSAGE_URLS) {
      const batch = chips.slice(start, start + MAX_MESSAGE_URLS);
      const reply = await this.verification.verify([...new Set(batch.map((chip) => chip.url))], fresh);
      if (this.signal.aborted) return;
      for (const chip of batch) {
        if (chip.removed) continue;
        const answer = answerFor(reply, chip.url);
        if ('failure' in answer) this.setState(chip, { kind: 'failed', failure: answer.failure });
        else this.showResult(chip, answer, true);
      }
      this.updateSummary();
    }
  }

  /** The checked state, with the badge image when the page has it already (else it follows). */
  private showResult(chip: Chip, result: CheckedResult, render: boolean): void {
    const imageUrl = result.badge?.imageUrl;
    chip.imageDataUrl = imageUrl ? this.images.loaded(imageUrl) : undefined;
    if (render) this.setState(chip, checkedState(result, null));
    else chip.state = checkedState(result, null);
    if (imageUrl && !chip.imageDataUrl) void this.loadImage(chip, imageUrl);
  }

  private async loadImage(chip: Chip, imageUrl: string): Promise<void> {
    const dataUrl = await this.images.load(imageUrl);
    if (!dataUrl || chip.removed || this.signal.aborted) return;
    chip.imageDataUrl = dataUrl;
    this.renderChip(chip);
  }

  private setState(chip: Chip, state: OverlayState): void {
    chip.state = state;
    if (isUntouched(state)) chip.ui?.remove();
    else this.renderChip(chip);
  }

  private retry(): void {
    const failed = [...this.chips.values()].filter((chip) => mayRetry(chip.state));
    for (const chip of failed) this.setState(chip, { kind: 'checking' });
    this.updateSummary();
    void this.verify(failed, true);
  }

  private async mount(chip: Chip): Promise<void> {
    const ui = await createPreactUiUnlessGone(
      this.ctx,
      { name: OVERLAY_TAG, anchor: chip.link, append: 'after', css: OVERLAY_CSS },
      () => chip.removed || this.signal.aborted,
    );
    if (!ui) return;
    chip.ui = ui;
    if (!isUntouched(chip.state)) {
      ui.mount();
      this.renderChip(chip);
    }
  }

  private renderChip(chip: Chip): void {
    if (!chip.ui || chip.removed) return;
    if (!chip.ui.shadowHost.isConnected && chip.link.isConnected) chip.ui.mount();
    if (!chip.ui.mounted) return;
    render(<BadgeOverlay state={chip.state} imageDataUrl={chip.imageDataUrl} dark={false} onRetry={() => this.retry()} />, chip.ui.mounted);
  }

  private remove(chip: Chip): void {
    chip.removed = true;
    chip.ui?.remove();
    this.chips.delete(chip.link);
  }

  /** The summary pill: after the page's main heading, or before the first badge link's block. */
  private summaryAnchor(): { anchor: Element; append: 'after' | 'before' } | null {
    const heading = this.doc.querySelector('main h1, h1');
    if (heading) return { anchor: heading, append: 'after' };
    const first = this.chips.keys().next().value as HTMLAnchorElement | undefined;
    const block = first?.closest('ul, ol, dl, p, section, div');
    return block ? { anchor: block, append: 'before' } : null;
  }

  private updateSummary(): void {
    if (this.signal.aborted) return;
    const counts = summarize([...this.chips.values()].map((chip) => chip.state));
    const text = summaryText(counts);
    if (!text) {
      this.summary?.ui?.remove();
      if (this.summary) this.summary.removed = true;
      this.summary = undefined;
      return;
    }
    const pill = <SummaryPill text={text} tone={summaryTone(counts)} dark={false} />;
    if (this.summary?.ui) {
      if (!this.summary.ui.shadowHost.isConnected) this.summary.ui.mount();
      if (this.summary.ui.mounted) render(pill, this.summary.ui.mounted);
      return;
    }
    if (this.summary) return;
    const place = this.summaryAnchor();
    if (!place) return;
    const summary: NonNullable<PageChips['summary']> = { removed: false };
    this.summary = summary;
    void createPreactUi(this.ctx, { name: SUMMARY_TAG, anchor: place.anchor, append: place.append, css: OVERLAY_CSS }).then((ui) => {
      if (summary.removed || this.signal.aborted) {
        ui.remove();
        return;
      }
      summary.ui = ui;
      ui.mount();
      this.updateSummary();
    });
  }

  private teardown(): void {
    for (const chip of [...this.chips.values()]) this.remove(chip);
    this.summary?.ui?.remove();
    if (this.summary) this.summary.removed = true;
    this.summary = undefined;
  }
}
