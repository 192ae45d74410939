// The status marks of a page's badge links, for the features that show them (LinkedIn's certifications, a
// job site's badge links): one mark after each link, checked in batches through the background, with the
// badge's image once it is loaded, and a summary pill. The features find the links and say where the pill goes.
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { MAX_MESSAGE_URLS } from '../../shared/limits';
import type { CheckedResult } from '../../shared/schemas/messages';
import { BadgeOverlay } from '../components/BadgeOverlay';
import { OVERLAY_CSS } from '../components/styles';
import { SummaryPill } from '../components/SummaryPill';
import { pageBadgeImages, type PageBadgeImages } from './badge-images';
import { checkedState, isUntouched, mayRetry, summarize, summaryText, summaryTone, type OverlayState } from './overlay-model';
import { createPreactUi, createPreactUiUnlessGone, OVERLAY_TAG, SUMMARY_TAG, type PreactUi } from './shadow-ui';
import { answerFor, pageVerification, type PageVerification } from './verification';

interface BadgeMark {
  link: HTMLAnchorElement;
  url: string;
  state: OverlayState;
  /** Its address is not known to be a badge: nothing shows until the check says it is one. */
  quiet: boolean;
  imageDataUrl?: string;
  ui?: PreactUi;
  removed: boolean;
}

export interface SummaryPlace {
  anchor: Element;
  append: 'after' | 'before';
}

/** What the feature decides for its page. */
export interface BadgeMarksPage {
  /** The name recipients are compared with (the profile's), or null: no name check. */
  nameToMatch(): string | null;
  dark(): boolean;
  /** Where the summary pill goes now (it moves when this changes), or null: nowhere. */
  summaryPlace(): SummaryPlace | null;
}

export class BadgeMarks {
  private readonly marks = new Map<HTMLAnchorElement, BadgeMark>();
  private summary?: { anchor: Element; ui?: PreactUi; removed: boolean };
  private readonly verification: PageVerification;
  private readonly images: PageBadgeImages;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly signal: AbortSignal,
    private readonly page: BadgeMarksPage,
  ) {
    this.verification = pageVerification(ctx);
    this.images = pageBadgeImages(ctx);
    signal.addEventListener('abort', () => this.teardown(), { once: true });
  }

  /** The marked links, in the order they were found. */
  links(): IterableIterator<HTMLAnchorElement> {
    return this.marks.keys();
  }

  /**
   * Brings the marks in line with the page's badge links (each link with its badge URL): new links get one,
   * gone ones lose theirs, marks the page re-rendered away come back. `quiet` tells which new URLs are not
   * known to be badges.
   */
  sync(current: ReadonlyMap<HTMLAnchorElement, string>, quiet: (url: string) => boolean = () => false): void {
    for (const mark of this.marks.values()) {
      if (current.get(mark.link) !== mark.url) this.remove(mark);
      else if (mark.ui && !mark.ui.shadowHost.isConnected && !isUntouched(mark.state, mark.quiet)) mark.ui.mount();
    }
    const unchecked: BadgeMark[] = [];
    for (const [link, url] of current) {
      if (this.marks.has(link)) continue;
      const mark: BadgeMark = { link, url, state: { kind: 'checking' }, quiet: quiet(url), removed: false };
      const known = this.verification.remembered(url);
      if (known) this.showResult(mark, known, false);
      else unchecked.push(mark);
      this.marks.set(link, mark);
      void this.mount(mark);
    }
    if (unchecked.length > 0) void this.verify(unchecked, false);
    this.updateSummary();
  }

  /** Compares every checked badge with the page's name again (it changed). */
  recheckNames(): void {
    for (const mark of this.marks.values()) {
      if (mark.state.kind === 'checked') this.setState(mark, checkedState(mark.state.result, this.page.nameToMatch()));
    }
  }

  /** Whether a marked link, a shown mark or the summary's anchor has left the page. */
  lostAny(): boolean {
    if (this.summary && (!this.summary.anchor.isConnected || (this.summary.ui && !this.summary.ui.shadowHost.isConnected))) return true;
    for (const mark of this.marks.values()) {
      if (!mark.link.isConnected) return true;
      if (mark.ui && !mark.ui.shadowHost.isConnected && !isUntouched(mark.state, mark.quiet)) return true;
    }
    return false;
  }

  private async verify(marks: BadgeMark[], fresh: boolean): Promise<void> {
    for (let start = 0; start < marks.length; start += MAX_MESSAGE_URLS) {
      const batch = marks.slice(start, start + MAX_MESSAGE_URLS);
      const reply = await this.verification.verify([...new Set(batch.map((mark) => mark.url))], fresh);
      if (this.signal.aborted) return;
      for (const mark of batch) {
        if (mark.removed) continue;
        const answer = answerFor(reply, mark.url);
        if ('failure' in answer) this.setState(mark, { kind: 'failed', failure: answer.failure });
        else this.showResult(mark, answer, true);
      }
      this.updateSummary();
    }
  }

  /** The checked state, with the badge image when the page has it already (else it follows). */
  private showResult(mark: BadgeMark, result: CheckedResult, render: boolean): void {
    const imageUrl = result.badge?.imageUrl;
    mark.imageDataUrl = imageUrl ? this.images.loaded(imageUrl) : undefined;
    const state = checkedState(result, this.page.nameToMatch());
    if (render) this.setState(mark, state);
    else mark.state = state;
    if (imageUrl && !mark.imageDataUrl) void this.loadImage(mark, imageUrl);
  }

  private async loadImage(mark: BadgeMark, imageUrl: string): Promise<void> {
    const dataUrl = await this.images.load(imageUrl);
    if (!dataUrl || mark.removed || this.signal.aborted) return;
    mark.imageDataUrl = dataUrl;
    this.renderMark(mark);
  }

  private setState(mark: BadgeMark, state: OverlayState): void {
    mark.state = state;
    if (isUntouched(state, mark.quiet)) mark.ui?.remove();
    else this.renderMark(mark);
  }

  private retry(mark: BadgeMark): void {
    // Hidden links not known to be badges are asked about again too: their answer may show a badge now.
    const failed = [...this.marks.values()].filter((other) => mayRetry(other.state));
    const again = failed.includes(mark) ? failed : [mark];
    for (const other of again) this.setState(other, { kind: 'checking' });
    this.updateSummary();
    void this.verify(again, true);
  }

  private async mount(mark: BadgeMark): Promise<void> {
    const ui = await createPreactUiUnlessGone(
      this.ctx,
      { name: OVERLAY_TAG, anchor: mark.link, append: 'after', css: OVERLAY_CSS },
      () => mark.removed || this.signal.aborted,
    );
    if (!ui) return;
    mark.ui = ui;
    if (!isUntouched(mark.state, mark.quiet)) {
      ui.mount();
      this.renderMark(mark);
    }
  }

  private renderMark(mark: BadgeMark): void {
    const ui = mark.ui;
    if (!ui || mark.removed) return;
    if (!ui.shadowHost.isConnected && mark.link.isConnected) ui.mount();
    if (!ui.mounted) return;
    render(<BadgeOverlay state={mark.state} imageDataUrl={mark.imageDataUrl} dark={this.page.dark()} onRetry={() => this.retry(mark)} />, ui.mounted);
  }

  private remove(mark: BadgeMark): void {
    mark.removed = true;
    mark.ui?.remove();
    this.marks.delete(mark.link);
  }

  private updateSummary(): void {
    if (this.signal.aborted) return;
    const counts = summarize([...this.marks.values()].filter((mark) => !isUntouched(mark.state, mark.quiet)).map((mark) => mark.state));
    const text = summaryText(counts);
    const place = text ? this.page.summaryPlace() : null;
    if (!text || !place) {
      this.removeSummary();
      return;
    }
    if (this.summary && (this.summary.anchor !== place.anchor || !place.anchor.isConnected)) this.removeSummary();
    const pill = <SummaryPill text={text} tone={summaryTone(counts)} dark={this.page.dark()} />;
    if (this.summary?.ui) {
      if (!this.summary.ui.shadowHost.isConnected) this.summary.ui.mount();
      if (this.summary.ui.mounted) render(pill, this.summary.ui.mounted);
      return;
    }
    if (this.summary) return; // still being created; the next update renders it
    const summary: NonNullable<BadgeMarks['summary']> = { anchor: place.anchor, removed: false };
    this.summary = summary;
    void createPreactUi(this.ctx, { name: SUMMARY_TAG, anchor: place.anchor, append: place.append, css: OVERLAY_CSS }).then((ui) => {
      if (summary.removed || this.signal.aborted) {
        ui.remove();
        return;
      }
      summary.ui = ui;
      this.updateSummary();
    });
  }

  private removeSummary(): void {
    if (!this.summary) return;
    this.summary.removed = true;
    this.summary.ui?.remove();
    this.summary = undefined;
  }

  private teardown(): void {
    for (const mark of [...this.marks.values()]) this.remove(mark);
    this.removeSummary();
  }
}
