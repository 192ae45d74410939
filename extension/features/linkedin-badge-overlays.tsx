// On LinkedIn profiles, next to every certification whose credential link is a BadgeLens
// badge: the badge image and its status (Verified, Expired, Revoked, Not found, Name
// mismatch), and a pill near the name that sums them up.
import { render } from 'preact';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { BadgeOverlay } from '../components/BadgeOverlay';
import { SummaryPill } from '../components/SummaryPill';
import { defineFeature } from '../lib/feature';
import { requestBadgeImage, requestVerification } from '../lib/messaging';
import { checkedState, isUntouched, summarize, summaryText, type OverlayState } from '../lib/overlay-model';
import { apiBaseUrlItem, isBadgeLensUrl } from '../lib/settings';
import { MAX_MESSAGE_URLS } from '../../shared/schemas/messages';
import { findCredentialEntries, findProfileName, findSummaryAnchor, isProfileUrl, mayHoldCredentials, prefersDarkTheme } from '../sites/linkedin/page';

export const OVERLAY_TAG = 'badgelens-badge';

/**
 * A shadow-root UI right after a badge link, for one chip. Creating it is async: when the chip went away
 * meanwhile (`isGone`), the UI is removed again and null returned.
 */
export async function createOverlayUi(
  ctx: ContentScriptContext,
  link: Element,
  isGone: () => boolean,
): Promise<ShadowRootContentScriptUi<HTMLElement> | null> {
  const ui = await createShadowRootUi<HTMLElement>(ctx, {
    name: OVERLAY_TAG,
    position: 'inline',
    anchor: link,
    append: 'after',
    onMount: (container) => container,
    onRemove: (container) => {
      if (container) render(null, container);
    },
  });
  if (isGone()) {
    ui.remove();
    return null;
  }
  return ui;
}
export const SUMMARY_TAG = 'badgelens-summary';
/** Mutations arriving within this window are handled by one scan. */
const SCAN_DELAY_MS = 60;

export default defineFeature({
  id: 'linkedin-badge-overlays',
  description: 'Shows each BadgeLens badge’s image and verified status next to LinkedIn certifications, with a summary near the name.',
  site: 'linkedin',
  include: isProfileUrl,
  async init({ signal, ctx }) {
    const apiBaseUrl = await apiBaseUrlItem.getValue();
    if (signal.aborted) return;
    const overlays = new BadgeOverlays(document, ctx, signal, apiBaseUrl);
    overlays.scan();
    watchMutations(document, signal, (records) => overlays.affectedBy(records), () => overlays.scheduleScan());
  },
});

/** Calls `onChange` for mutation batches that `matters` says may change the overlays. */
export function watchMutations(doc: Document, signal: AbortSignal, matters: (records: MutationRecord[]) => boolean, onChange: () => void): void {
  const observer = new MutationObserver((records) => {
    if (matters(records)) onChange();
  });
  observer.observe(doc.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}

function isOwnHost(node: Node): boolean {
  if (node.nodeType !== Node.ELEMENT_NODE) return false;
  const tag = (node as Element).tagName.toLowerCase();
  return tag === OVERLAY_TAG || tag === SUMMARY_TAG;
}

interface Overlay {
  link: HTMLAnchorElement;
  url: string;
  state: OverlayState;
  imageDataUrl?: string;
  ui?: ShadowRootContentScriptUi<HTMLElement>;
  removed: boolean;
}

class BadgeOverlays {
  private readonly overlays = new Map<HTMLAnchorElement, Overlay>();
  private summary?: { anchor: Element; ui?: ShadowRootContentScriptUi<HTMLElement>; removed: boolean };
  private profileName: string | null = null;
  private scanTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly images = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly doc: Document,
    private readonly ctx: ContentScriptContext,
    private readonly signal: AbortSignal,
    private readonly apiBaseUrl: string,
  ) {
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
      if (overlay.ui && !overlay.ui.shadowHost.isConnected && !isUntouched(overlay.state)) return true;
    }
    return false;
  }

  scheduleScan(): void {
    if (this.scanTimer !== undefined || this.signal.aborted) return;
    this.scanTimer = setTimeout(() => {
      this.scanTimer = undefined;
      if (!this.signal.aborted) this.scan();
    }, SCAN_DELAY_MS);
  }

  /** Brings the overlays in line with the page: new entries get one, gone entries lose theirs. */
  scan(): void {
    const entries = findCredentialEntries(this.doc).filter((entry) => isBadgeLensUrl(entry.credentialUrl, this.apiBaseUrl));
    const current = new Map(entries.map((entry) => [entry.link, entry.credentialUrl]));

    for (const overlay of this.overlays.values()) {
      if (current.get(overlay.link) !== overlay.url) this.removeOverlay(overlay);
      else if (overlay.ui && !overlay.ui.shadowHost.isConnected && !isUntouched(overlay.state)) overlay.ui.mount(); // the page re-rendered around it
    }

    const name = findProfileName(this.doc);
    if (name !== this.profileName) {
      this.profileName = name;
      for (const overlay of this.overlays.values()) {
        if (overlay.state.kind === 'checked') this.setState(overlay, checkedState(overlay.state.result, name));
      }
    }

    const fresh: Overlay[] = [];
    for (const [link, url] of current) {
      if (this.overlays.has(link)) continue;
      const overlay: Overlay = { link, url, state: { kind: 'checking' }, removed: false };
      this.overlays.set(link, overlay);
      void this.mountOverlay(overlay);
      fresh.push(overlay);
    }
    if (fresh.length > 0) void this.verify(fresh, false);
    this.updateSummary();
  }

  private async verify(overlays: Overlay[], fresh: boolean): Promise<void> {
    for (let start = 0; start < overlays.length; start += MAX_MESSAGE_URLS) {
      const chunk = overlays.slice(start, start + MAX_MESSAGE_URLS);
      const urls = [...new Set(chunk.map((overlay) => overlay.url))];
      const reply = await requestVerification(urls, fresh);
      if (this.signal.aborted) return;
      const byUrl = reply.ok ? new Map(reply.results.map((result) => [result.url, result])) : undefined;
      for (const overlay of chunk) {
        if (overlay.removed) continue;
        const result = byUrl?.get(overlay.url);
        if (!reply.ok || !result) {
          this.setState(overlay, { kind: 'failed', failure: reply.ok ? 'bad_response' : reply.error });
          continue;
        }
        this.setState(overlay, checkedState(result, this.profileName));
        if (result.badge) void this.loadImage(overlay, result.badge.imageUrl);
      }
      this.updateSummary();
    }
  }

  private async loadImage(overlay: Overlay, imageUrl: string): Promise<void> {
    let image = this.images.get(imageUrl);
    if (!image) {
      image = requestBadgeImage(imageUrl).then((reply) => (reply.ok ? reply.dataUrl : undefined));
      this.images.set(imageUrl, image);
    }
    const dataUrl = await image;
    if (!dataUrl || overlay.removed || this.signal.aborted) return;
    overlay.imageDataUrl = dataUrl;
    this.renderOverlay(overlay);
  }

  private setState(overlay: Overlay, state: OverlayState): void {
    overlay.state = state;
    if (isUntouched(state)) {
      overlay.ui?.remove();
      return;
    }
    this.renderOverlay(overlay);
  }

  private retry(overlay: Overlay): void {
    const failed = [...this.overlays.values()].filter((other) => other.state.kind === 'failed');
    for (const other of failed.includes(overlay) ? failed : [overlay]) this.setState(other, { kind: 'checking' });
    this.updateSummary();
    void this.verify(failed.includes(overlay) ? failed : [overlay], true);
  }

  private async mountOverlay(overlay: Overlay): Promise<void> {
    const ui = await createOverlayUi(this.ctx, overlay.link, () => overlay.removed || this.signal.aborted);
    if (!ui) return;
    overlay.ui = ui;
    if (!isUntouched(overlay.state)) {
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
    const text = summaryText(summarize([...this.overlays.values()].map((overlay) => overlay.state)));
    const anchor = text ? findSummaryAnchor(this.doc) : null;
    if (!text || !anchor) {
      this.removeSummary();
      return;
    }
    if (this.summary && (this.summary.anchor !== anchor || !anchor.isConnected)) this.removeSummary();
    const counts = summarize([...this.overlays.values()].map((overlay) => overlay.state));
    const tone = counts.problems > 0 ? 'warning' : counts.verified > 0 ? 'verified' : 'neutral';
    const pill = <SummaryPill text={text} tone={tone} dark={prefersDarkTheme(this.doc)} />;
    if (this.summary?.ui) {
      if (!this.summary.ui.shadowHost.isConnected) this.summary.ui.mount();
      if (this.summary.ui.mounted) render(pill, this.summary.ui.mounted);
      return;
    }
    if (this.summary) return; // still being created; the next update renders it
    const summary: NonNullable<BadgeOverlays['summary']> = { anchor, removed: false };
    this.summary = summary;
    void createShadowRootUi<HTMLElement>(this.ctx, {
      name: SUMMARY_TAG,
      position: 'inline',
      anchor,
      append: 'after',
      onMount: (container) => container,
      onRemove: (container) => {
        if (container) render(null, container);
      },
    }).then((ui) => {
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
    clearTimeout(this.scanTimer);
    for (const overlay of [...this.overlays.values()]) this.removeOverlay(overlay);
    this.removeSummary();
  }
}
