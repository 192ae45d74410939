// Reading a LinkedIn profile page: which pages are profiles, where the credential links and
// their entries are, and whose profile it is. Pure DOM reads, no side effects.
import { httpUrl } from '../../common/badge-links';
import { linkedinSelectors, type LinkedinSelectors } from './selectors';

const PROFILE_PATH = /^\/in\/[^/]+\/?$/;
const CERTIFICATIONS_DETAILS_PATH = /^\/in\/[^/]+\/details\/certifications\/?$/;

/** www.linkedin.com, or a country subdomain serving public profiles (uk.linkedin.com). */
const LINKEDIN_HOST = /^(www|[a-z]{2})\.linkedin\.com$/;

export function isProfileUrl(url: URL): boolean {
  return LINKEDIN_HOST.test(url.hostname) && (PROFILE_PATH.test(url.pathname) || CERTIFICATIONS_DETAILS_PATH.test(url.pathname));
}

export function isCertificationsDetailsUrl(url: URL): boolean {
  return CERTIFICATIONS_DETAILS_PATH.test(url.pathname);
}

export interface CredentialEntry {
  link: HTMLAnchorElement;
  entry: Element;
  /** The credential's own URL, unwrapped from LinkedIn's redirect. */
  credentialUrl: string;
}

/** Every certification entry that links to a credential, in page order, one per link. */
export function findCredentialEntries(doc: Document, selectors: LinkedinSelectors = linkedinSelectors): CredentialEntry[] {
  const entries: CredentialEntry[] = [];
  for (const link of findCredentialLinks(doc, selectors)) {
    const credentialUrl = unwrapLinkedinRedirect(link.href);
    if (!credentialUrl) continue;
    entries.push({ link, entry: entryOf(link, selectors), credentialUrl });
  }
  return entries;
}

export function findCredentialLinks(doc: Document, selectors: LinkedinSelectors = linkedinSelectors): HTMLAnchorElement[] {
  const found = new Set<HTMLAnchorElement>();
  for (const link of doc.querySelectorAll<HTMLAnchorElement>(selectors.credentialLinks.join(','))) found.add(link);
  // Inside a certification section, also: a link saying so, or any link that leaves LinkedIn
  // (the only such links there are credentials; this holds in every UI language).
  for (const section of certificationSections(doc, selectors)) {
    for (const link of section.querySelectorAll<HTMLAnchorElement>('a[href]')) {
      if (found.has(link)) continue;
      const text = (link.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (selectors.credentialLinkTexts.some((label) => text.startsWith(label)) || leavesLinkedin(link.href)) found.add(link);
    }
  }
  return [...found]
    .filter((link) => link.getAttribute('href'))
    .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

function certificationSections(doc: Document, selectors: LinkedinSelectors): Set<Element> {
  const sections = new Set<Element>();
  for (const marker of doc.querySelectorAll(selectors.certificationSectionAnchors.join(','))) {
    const section = marker.closest('section');
    if (section) sections.add(section);
  }
  if (isCertificationsDetailsUrl(new URL(doc.location?.href ?? 'about:blank'))) {
    const main = doc.querySelector('main');
    if (main) sections.add(main);
  }
  return sections;
}

function leavesLinkedin(href: string): boolean {
  const target = unwrapLinkedinRedirect(href);
  if (!target) return false;
  return !/(^|\.)(linkedin\.com|licdn\.com)$/.test(new URL(target).hostname);
}

/** The certification entry a credential link belongs to. */
export function entryOf(link: Element, selectors: LinkedinSelectors = linkedinSelectors): Element {
  const markerSelector = selectors.entryMarkers.join(',');
  const section = link.closest('section');
  // Redesign: the smallest ancestor holding exactly one entry marker is the entry.
  if (section?.querySelector(markerSelector)) {
    for (let node = link.parentElement; node && node !== section; node = node.parentElement) {
      const markers = node.querySelectorAll(markerSelector).length;
      if (markers === 1) return node;
      if (markers > 1) break;
    }
  }
  for (const selector of selectors.entries) {
    const entry = link.closest(selector);
    if (entry) return entry;
  }
  // Unknown markup: the outermost list item below the section, or the link's parent.
  let outermostItem: Element | null = null;
  for (let node = link.parentElement; node && node.tagName !== 'SECTION' && node.tagName !== 'MAIN'; node = node.parentElement) {
    if (node.tagName === 'LI') outermostItem = node;
  }
  return outermostItem ?? link.parentElement ?? link;
}

/** `https://www.linkedin.com/redir/redirect?url=<encoded>` → the encoded URL; other links as they are. */
export function unwrapLinkedinRedirect(href: string): string | null {
  const url = httpUrl(href);
  if (!url) return null;
  if (/(^|\.)linkedin\.com$/.test(url.hostname) && /^\/redir\/redirect\/?$/.test(url.pathname)) {
    const target = url.searchParams.get('url');
    return target ? unwrapLinkedinRedirect(target) : null;
  }
  return url.href;
}

/** The name of the person whose profile this is, or null when the page does not show it. */
export function findProfileName(doc: Document, selectors: LinkedinSelectors = linkedinSelectors): string | null {
  const heading = findProfileNameHeading(doc, selectors);
  const fromHeading = heading ? visibleText(heading) : '';
  if (fromHeading) return fromHeading;
  return nameFromTitle(doc.title, selectors);
}

export function findProfileNameHeading(doc: Document, selectors: LinkedinSelectors = linkedinSelectors): Element | null {
  for (const selector of selectors.profileName) {
    const heading = doc.querySelector(selector);
    if (heading && visibleText(heading)) return heading;
  }
  return null;
}

/** Where the summary pill goes: after the name, or after the certifications heading. */
export function findSummaryAnchor(doc: Document, selectors: LinkedinSelectors = linkedinSelectors): Element | null {
  const heading = findProfileNameHeading(doc, selectors);
  // The name is often wrapped in a link; the pill goes after the link, not inside it.
  if (heading) return heading.closest('a') ?? heading;
  for (const selector of selectors.certificationsHeading) {
    const candidate = doc.querySelector(selector);
    if (candidate) return candidate;
  }
  return null;
}

/** "(3) Jane Doe | LinkedIn" → "Jane Doe"; "Jane Doe - Welder - Acme | LinkedIn" → "Jane Doe". */
export function nameFromTitle(title: string, selectors: LinkedinSelectors = linkedinSelectors): string | null {
  const noise = new Set<string>(selectors.titleNoise);
  const parts = title
    .replace(/^\(\d+\+?\)\s*/, '')
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part && !noise.has(part));
  const first = parts[0]?.split(' - ')[0]?.trim();
  return first || null;
}

/** Text without LinkedIn's duplicated screen-reader spans. */
function visibleText(element: Element): string {
  const ariaHidden = element.querySelector('[aria-hidden="true"]');
  const source = ariaHidden && ariaHidden.textContent?.trim() ? ariaHidden : element;
  return (source.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function prefersDarkTheme(doc: Document, selectors: LinkedinSelectors = linkedinSelectors): boolean {
  return selectors.darkThemeClasses.some((name) => doc.documentElement.classList.contains(name) || doc.body?.classList.contains(name));
}

/**
 * Whether an element added to the page may hold what the feature looks for (a credential
 * link, a certification section or entry, the name heading). Checks only the added subtree,
 * so LinkedIn's constant churn elsewhere costs next to nothing.
 */
export function mayHoldCredentials(element: Element, selectors: LinkedinSelectors = linkedinSelectors): boolean {
  const selector = relevantSelector(selectors);
  if (element.matches(selector) || element.querySelector(selector)) return true;
  // A plain "Show credential" link (text fallback) added inside an existing section.
  const section = element.closest('section');
  const anchors = selectors.certificationSectionAnchors.join(',');
  return section !== null && (section.matches(anchors) || section.querySelector(anchors) !== null);
}

const relevantSelectors = new WeakMap<LinkedinSelectors, string>();
function relevantSelector(selectors: LinkedinSelectors): string {
  let selector = relevantSelectors.get(selectors);
  if (!selector) {
    selector = [...selectors.credentialLinks, ...selectors.redirectLinks, ...selectors.certificationSectionAnchors, ...selectors.entryMarkers, ...selectors.headingHints].join(',');
    relevantSelectors.set(selectors, selector);
  }
  return selector;
}
