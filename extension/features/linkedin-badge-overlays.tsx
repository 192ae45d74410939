// On LinkedIn profiles, next to every certification whose credential link is a badge (this
// server's, another platform's, any Open Badge): its status (Verified, Expired, Revoked, Invalid,
// Not found, Self-claimed, Couldn't check right now, Name mismatch, No name on this badge), who
// vouches for it, the image of this server's badges, and a pill near the name that sums them up.
// Every https link in a "Show credential" position is checked; one whose address is not known to
// be a badge shows nothing until its check says it is one (`quiet`).
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isOwnBadgeUrl, isPlatformBadgeUrl, looksLikeCredential, mayCheck } from '../common/badge-links';
import { apiOrigin } from '../common/settings';
import { BadgeMarks } from '../content/badge-marks';
import { defineFeature } from '../content/feature';
import { throttledTask } from '../content/schedule';
import { OVERLAY_TAG, SUMMARY_TAG, watchMutations } from '../content/shadow-ui';
import { readApiBaseUrl } from '../content/stored-settings';
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

class BadgeOverlays {
  private readonly marks: BadgeMarks;
  private profileName: string | null = null;

  constructor(
    private readonly doc: Document,
    ctx: ContentScriptContext,
    signal: AbortSignal,
    private readonly apiBaseUrl: string,
  ) {
    this.marks = new BadgeMarks(ctx, signal, {
      nameToMatch: () => this.profileName,
      dark: () => prefersDarkTheme(doc),
      summaryPlace: () => {
        const anchor = findSummaryAnchor(doc);
        return anchor && { anchor, append: 'after' };
      },
    });
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
    return removed && this.marks.lostAny();
  }

  /** Brings the overlays in line with the page: new entries get one, gone entries lose theirs. */
  scan(): void {
    const entries = findCredentialEntries(this.doc).filter((entry) => mayCheck(entry.credentialUrl, this.apiBaseUrl));
    const name = findProfileName(this.doc);
    if (name !== this.profileName) {
      this.profileName = name;
      this.marks.recheckNames();
    }
    this.marks.sync(new Map(entries.map((entry) => [entry.link, entry.credentialUrl])), (url) => !this.isKnownBadgeUrl(url));
  }

  private isKnownBadgeUrl(url: string): boolean {
    const origin = apiOrigin(this.apiBaseUrl);
    return (origin !== null && isOwnBadgeUrl(url, origin)) || isPlatformBadgeUrl(url) || looksLikeCredential(url, this.apiBaseUrl);
  }
}
