// On a switched-on applicant-tracking system or any switched-on page: every link to a badge (this
// server's, or a platform's badge address: Credly, Canvas Credentials / Badgr, Accredible) gets the
// same status chip and card as on LinkedIn, and a summary pill sums them up.
// No name check here: an application page has no single profile name to compare with.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { apiOrigin } from '../common/settings';
import { BadgeMarks, type SummaryPlace } from '../content/badge-marks';
import { defineFeature } from '../content/feature';
import { throttledTask } from '../content/schedule';
import { OVERLAY_TAG, SUMMARY_TAG, watchMutations } from '../content/shadow-ui';
import { isPageSwitchedOn, readApiBaseUrl } from '../content/stored-settings';
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

class PageChips {
  private readonly marks: BadgeMarks;

  constructor(
    private readonly doc: Document,
    ctx: ContentScriptContext,
    signal: AbortSignal,
    private readonly site: JobSiteAdapter,
    private readonly badgeOrigin: string,
  ) {
    this.marks = new BadgeMarks(ctx, signal, { nameToMatch: () => null, dark: () => false, summaryPlace: () => this.summaryPlace() });
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
    this.marks.sync(new Map(this.site.findBadgeLinks(this.doc, this.badgeOrigin).map((found) => [found.link, found.badgeUrl])));
  }

  /** The summary pill: after the page's main heading, or before the first badge link's block. */
  private summaryPlace(): SummaryPlace | null {
    const heading = this.doc.querySelector('main h1, h1');
    if (heading) return { anchor: heading, append: 'after' };
    const first = this.marks.links().next().value as HTMLAnchorElement | undefined;
    const block = first?.closest('ul, ol, dl, p, section, div');
    return block ? { anchor: block, append: 'before' } : null;
  }
}
