// On LinkedIn profiles, next to every certification whose credential link is a badge (this
// server's, another platform's, any Open Badge): its status (Verified, Expired, Revoked, Invalid,
// Not found, Self-claimed, Couldn't check right now, Name mismatch, No name on this badge), who
// vouches for it, the image of this server's badges, and a pill near the name that sums them up.
// Every https link in a "Show credential" position is checked; one whose address is not known to
// be a badge shows nothing until its check says it is one (`quiet`).
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { MAX_MESSAGE_URLS } from '../../shared/limits';
import type { CheckedResult } from '../../shared/schemas/messages';
import { isOwnBadgeUrl, isPlatformBadgeUrl, looksLikeCredential, mayCheck } from '../common/badge-links';
import { apiOrigin } from '../common/settings';
import { BadgeOverlay } from '../components/BadgeOverlay';
import { OVERLAY_CSS } from '../components/styles';
import { SummaryPill } from '../components/SummaryPill';
import { defineFeature } from '../content/feature';
import { pageBadgeImages, type PageBadgeImages } from '../content/badge-images';
import { checkedState, isUntouched, mayRetry, summarize, summaryText, summaryTone, type OverlayState } from '../content/overlay-model';
import { throttledTask } from '../content/schedule';
import { createPreactUi, createPreactUiUnlessGone, OVERLAY_TAG, SUMMARY_TAG, watchMutations, type PreactUi } from '../content/shadow-ui';
import { readApiBaseUrl } from '../content/stored-settings';
import { answerFor, pageVerification, type PageVerification } from '../content/verification';
import { findCredentialEntries, findProfileName, findSummaryAnchor, isProfileUrl, mayHoldCredentials, prefersDarkTheme } from '../sites/linkedin/page';

/** While LinkedIn keeps changing the certifications, at most one scan per this interval. */
const MIN_SCAN_INTERVAL_MS = 60;

export default defineFeature({
  id: 'linkedin-badge-overlays',
  description: 'Shows each BadgeLens badge’s image and verified status next to LinkedIn certifications, with a summary near the name.',
  site: 'linkedin',
  include: isProfileUrl,
  async init({ signal, ctx }) {
    const apiBaseUrl = await readApiBaseUrl();
    if (signal.aborted) return;
    const overlays = new BadgeOverlays(document, ctx, signal, apiBaseUrl);
    overlays.scan();
    const scanSoon = throttledTask(() => overlays.scan(), MIN_SCAN_INTERVAL_MS, signal);
    watchMutations(document, signal, (records) => overlays.affectedBy(records), scanSoon);
  },
});

function isOwnHost(node: Node): boolean {
  if (node.nodeType !== Node.ELEMENT_NODE) return false;
  const tag = (node as Element).tagName.toLowerCase();
  return tag === OVERLAY_TAG || tag === SUMMARY_TAG;
}

interface Overlay {
  link: HTMLAnchorElement;
  url: string;
  state: OverlayState;
  /** Its address is not known to be a badge: nothing shows until the check says it is one. */
  quiet: boolean;
  imageDataUrl?: string;
  ui?: PreactUi;
  removed: boolean;
}

class BadgeOverlays {
  private readonly overlays = new Map<HTMLAnchorElement, Overlay>();
  private summary?: { anchor: Element; ui?: PreactUi; removed: boolean };
  private profileName: string | null = null;
  private readonly verification: PageVerification;
  private readonly images: PageBadgeImages;

  constructor(
    private readonly doc: Document,
    private readonly ctx: ContentScriptContext,
    private readonly signal: AbortSignal,
    private readonly apiBaseUrl: string,
  ) {
    this.verification = pageVerification(ctx);
    this.images = pageBadgeImages(ctx);
    signal.addEventListener('abort', () => this.teardown(), { once: true });
  }

  /** Whether a batch of page mutations may add, move or remove an overlay (cheap: runs on every batch). */
  affectedBy(records: MutationRecord[]): boolean {
    let removed = false;
    for (const record of records) {
      if (record.type === 'attributes') {
        if ((record.target as Element).tagName === 'A') return true;
        continue;
      }
      if (record.removedNodes.length > 0) removed = true;
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE && !isOwnHost(node) && mayHoldCredentials(node as Element)) return true;
      }
    }
    // Something went away: it matters only if it took one of our links, overlays or anchors with it.
    if (!removed) return false;
    if (this.summary && (!this.summary.anchor.isConnected || (this.summary.ui && !this.summary.ui.shadowHost.isConnected))) return true;
    for (const overlay of this.overlays.values()) {
      if (!overlay.link.isConnected) return true;
      if (overlay.ui && !overlay.ui.shadowHost.isConnected && !isUntouched(overlay.state, overlay.quiet)) return true;
    }
    return false;
  }

  /** Brings the overlays in line with the page: new entries get one, gone entries lose theirs. */
  scan(): void {
    const entries = findCredentialEntries(this.doc).filter((entry) => mayCheck(entry.credentialUrl, this.apiBaseUrl));
    const current = new Map(entries.map((entry) => [entry.link, entry.credentialUrl]));

    for (const overlay of this.overlays.values()) {
      if (current.get(overlay.link) !== overlay.url) this.removeOverlay(overlay);
      else if (overlay.ui && !overlay.ui.shadowHost.isConnected && !isUntouched(overlay.state, overlay.quiet)) overlay.ui.mount(); // the page re-rendered around it
    }

    const name = findProfileName(this.doc);
    if (name !== this.profileName) {
      this.profileName = name;
      for (const overlay of this.overlays.values()) {
        if (overlay.state.kind === 'checked') this.setState(overlay, checkedState(overlay.state.result, name));
      }
    }

    const unchecked: Overlay[] = [];
    for (const [link, url] of current) {
      if (this.overlays.has(link)) continue;
      const overlay: Overlay = { link, url, state: { kind: 'checking' }, quiet: !this.isKnownBadgeUrl(url), removed: false };
      const known = this.verification.remembered(url);
      if (known) this.showResult(overlay, known, false);
      else unchecked.push(overlay);
      this.overlays.set(link, overlay);
      void this.mountOverlay(overlay);
    }
    if (unchecked.length > 0) void this.verify(unchecked, false);
    this.updateSummary();
  }

  private isKnownBadgeUrl(url: string): boolean {
    const origin = apiOrigin(this.apiBaseUrl);
    return (origin !== null && isOwnBadgeUrl(url, origin)) || isPlatformBadgeUrl(url) || looksLikeCredential(url, this.apiBaseUrl);
  }

  private async verify(overlays: Overlay[], fresh: boolean): Promise<void> {
    for (let start = 0; start < overlays.length; start += MAX_MESSAGE_URLS) {
      const chunk = overlays.slice(start, start + MAX_MESSAGE_URLS);
      const urls = [...new Set(chunk.map((overlay) => overlay.url))];
      const reply = await this.verification.verify(urls, fresh);
      if (this.signal.aborted) return;
      for (const overlay of chunk) {
        if (overlay.removed) continue;
        const answer = answerFor(reply, overlay.url);
        if ('failure' in answer) this.setState(overlay, { kind: 'failed', failure: answer.failure });
        else this.showResult(overlay, answer, true);
      }
      this.updateSummary();
    }
  }

  /** The checked state, with the badge image when the page has it already (else it follows). */
  private showResult(overlay: Overlay, result: CheckedResult, render: boolean): void {
    const imageUrl = result.badge?.imageUrl;
    overlay.imageDataUrl = imageUrl ? this.images.loaded(imageUrl) : undefined;
    if (render) this.setState(overlay, checkedState(result, this.profileName));
    else overlay.state = checkedState(result, this.profileName);
    if (imageUrl && !overlay.imageDataUrl) void this.loadImage(overlay, imageUrl);
  }

  private async loadImage(overlay: Overlay, imageUrl: string): Promise<void> {
    const dataUrl = await this.images.load(imageUrl);
    if (!dataUrl || overlay.removed || this.signal.aborted) return;
    overlay.imageDataUrl = dataUrl;
    this.renderOverlay(overlay);
  }

  private setState(overlay: Overlay, state: OverlayState): void {
    overlay.state = state;
    if (isUntouched(state, overlay.quiet)) {
      overlay.ui?.remove();
      return;
    }
    this.renderOverlay(overlay);
  }

  private retry(overlay: Overlay): void {
    // Hidden links not known to be badges are asked about again too: their answer may show a badge now.
    const failed = [...this.overlays.values()].filter((other) => mayRetry(other.state));
    for (const other of failed.includes(overlay) ? failed : [overlay]) this.setState(other, { kind: 'checking' });
    this.updateSummary();
    void this.verify(failed.includes(overlay) ? failed : [overlay], true);
  }

  private async mountOverlay(overlay: Overlay): Promise<void> {
    const ui = await createPreactUiUnlessGone(
      this.ctx,
      { name: OVERLAY_TAG, anchor: overlay.link, append: 'after', css: OVERLAY_CSS },
      () => overlay.removed || this.signal.aborted,
    );
    if (!ui) return;
    overlay.ui = ui;
    if (!isUntouched(overlay.state, overlay.quiet)) {
      ui.mount();
      this.renderOverlay(overlay);
    }
  }

  private renderOverlay(overlay: Overlay): void {
    const ui = overlay.ui;
    if (!ui || overlay.removed) return;
    if (!ui.shadowHost.isConnected && overlay.link.isConnected) ui.mount();
    const target = ui.mounted;
    if (!target) return;
    render(
      <BadgeOverlay
        state={overlay.state}
        imageDataUrl={overlay.imageDataUrl}
        dark={prefersDarkTheme(this.doc)}
        onRetry={() => this.retry(overlay)}
      />,
      target,
    );
  }

  private removeOverlay(overlay: Overlay): void {
    overlay.removed = true;
    overlay.ui?.remove();
    this.overlays.delete(overlay.link);
  }

  private updateSummary(): void {
    if (this.signal.aborted) return;
    const counts = summarize([...this.overlays.values()].filter((overlay) => !isUntouched(overlay.state, overlay.quiet)).map((overlay) => overlay.state));
    const text = summaryText(counts);
    const anchor = text ? findSummaryAnchor(this.doc) : null;
    if (!text || !anchor) {
      this.removeSummary();
      return;
    }
    if (this.summary && (this.summary.anchor !== anchor || !anchor.isConnected)) this.removeSummary();
    const pill = <SummaryPill text={text} tone={summaryTone(counts)} dark={prefersDarkTheme(this.doc)} />;
    if (this.summary?.ui) {
      if (!this.summary.ui.shadowHost.isConnected) this.summary.ui.mount();
      if (this.summary.ui.mounted) render(pill, this.summary.ui.mounted);
      return;
    }
    if (this.summary) return; // still being created; the next update renders it
    const summary: NonNullable<BadgeOverlays['summary']> = { anchor, removed: false };
    this.summary = summary;
    void createPreactUi(this.ctx, { name: SUMMARY_TAG, anchor, append: 'after', css: OVERLAY_CSS }).then((ui) => {
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
    for (const overlay of [...this.overlays.values()]) this.removeOverlay(overlay);
    this.removeSummary();
  }
}
