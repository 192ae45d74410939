// What every job-site adapter shares: the adapter's shape, reading text out of the page, the
// schema.org JobPosting JSON-LD that most job pages carry, and finding links to badges.
// Pure DOM reads: nothing here changes the page or talks to the network.
import type { PostingText } from '../../shared/skills';
import { httpUrl, isOwnBadgeUrl, isPlatformBadgeUrl } from '../common/badge-links';

export type JobPosting = PostingText;

export interface BadgeLink {
  link: HTMLAnchorElement;
  /** The badge's own URL, unwrapped from any redirect the site put around it. */
  badgeUrl: string;
}

export interface SiteSelectors {
  /** The posting's title, most specific first. */
  title: readonly string[];
  /** The posting's text blocks (description, qualifications); all that are found are read. */
  sections: readonly string[];
  /** Where the "Badges for this job" panel goes (before the first found). */
  panelAnchor: readonly string[];
}

export interface JobSiteAdapter {
  /** Equals the adapter's folder name in extension/sites/. */
  id: string;
  /** For people: the options page and the popup show it. */
  label: string;
  /** Match patterns of the pages this adapter reads; asked for as optional host permissions. */
  hostPatterns: readonly string[];
  /** On by default (only sites the extension has a host permission for anyway). */
  defaultOn: boolean;
  /** Whether this adapter reads this page. */
  matches(url: URL): boolean;
  /** Names the posting shown: changes when a single-page app switches postings. Null when none. */
  postingKey(url: URL): string | null;
  readPosting(doc: Document): JobPosting | null;
  findBadgeLinks(doc: Document, badgeOrigin: string): BadgeLink[];
  /** The element the panel goes before, or null to float it. */
  panelAnchor(doc: Document): Element | null;
}

/** Enough text to find every skill in a long posting; more is ignored (bounds the scan's time). */
const MAX_SECTION_CHARS = 40_000;
const SKIPPED_ELEMENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'BADGELENS-JOB-PANEL', 'BADGELENS-BADGE']);

/**
 * The text of an element with a space between elements ("<li>TIG</li><li>MIG</li>" reads "TIG MIG",
 * where textContent would give "TIGMIG"). Does not ask for layout, unlike innerText.
 */
export function readableText(root: Node, maxChars = MAX_SECTION_CHARS): string {
  const parts: string[] = [];
  let length = 0;
  const visit = (node: Node) => {
    if (length >= maxChars) return;
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? '';
      if (text.trim()) {
        parts.push(text);
        length += text.length;
      }
      return;
    }
    if (node.nodeType === 1 && SKIPPED_ELEMENTS.has((node as Element).tagName.toUpperCase())) return;
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
  };
  visit(root);
  return parts.join(' ').replace(/\s+/g, ' ').trim().slice(0, maxChars);
}

/** The first selector's element that has text. */
export function firstText(doc: ParentNode, selectors: readonly string[]): string {
  for (const selector of selectors) {
    for (const element of doc.querySelectorAll(selector)) {
      const text = readableText(element, 500);
      if (text) return text;
    }
  }
  return '';
}

/** The text of every element the selectors find, outermost only (no text read twice). */
export function sectionTexts(doc: ParentNode, selectors: readonly string[]): string[] {
  const elements: Element[] = [];
  for (const selector of selectors) {
    for (const element of doc.querySelectorAll(selector)) {
      if (elements.some((taken) => taken.contains(element))) continue;
      for (let i = elements.length - 1; i >= 0; i--) if (element.contains(elements[i])) elements.splice(i, 1);
      elements.push(element);
    }
  }
  return elements.map((element) => readableText(element)).filter(Boolean);
}

/** A posting read with the site's selectors, falling back to the page's JSON-LD. */
export function readPostingWith(doc: Document, selectors: SiteSelectors): JobPosting | null {
  const title = firstText(doc, selectors.title);
  const sections = sectionTexts(doc, selectors.sections);
  if (title && sections.length) return { title, sections };
  return readJsonLdPosting(doc) ?? (title || sections.length ? { title, sections } : null);
}

export function firstElement(doc: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const element = doc.querySelector(selector);
    if (element) return element;
  }
  return null;
}

// ---------------------------------------------------------------- schema.org JobPosting

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every JSON-LD object on the page, with @graph and arrays flattened; broken blocks are skipped. */
function jsonLdObjects(doc: Document): Record<string, Json>[] {
  const objects: Record<string, Json>[] = [];
  const collect = (value: Json, depth: number) => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) collect(item, depth + 1);
      return;
    }
    objects.push(value);
    if (value['@graph']) collect(value['@graph'], depth + 1);
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      collect(JSON.parse(script.textContent ?? '') as Json, 0);
    } catch {
      // A page's broken JSON-LD is its own business.
    }
  }
  return objects;
}

function isJobPosting(object: Record<string, Json>): boolean {
  const type = object['@type'];
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && /^(https?:\/\/schema\.org\/)?JobPosting$/.test(t));
}

/** Text from a JSON-LD value: strings (often HTML), lists of them, or objects with a description/name. */
function jsonText(value: Json | undefined, depth = 0): string {
  if (value === undefined || value === null || depth > 3) return '';
  if (typeof value === 'string') return htmlToText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return '';
  if (Array.isArray(value)) return value.map((item) => jsonText(item, depth + 1)).filter(Boolean).join(' ');
  return [value.name, value.description, value.credentialCategory].map((item) => jsonText(item, depth + 1)).filter(Boolean).join(' ');
}

/** JobPosting descriptions are HTML. DOMParser builds an inert document (nothing runs, nothing loads). */
function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  const parsed = new DOMParser().parseFromString(html.slice(0, MAX_SECTION_CHARS * 2), 'text/html');
  return readableText(parsed.body);
}

const JSON_LD_SECTIONS = ['description', 'qualifications', 'skills', 'occupationalCategory', 'responsibilities', 'experienceRequirements', 'educationRequirements'];

/** The page's schema.org JobPosting (JSON-LD), or null when it has none. */
export function readJsonLdPosting(doc: Document): JobPosting | null {
  const posting = jsonLdObjects(doc).find(isJobPosting);
  if (!posting) return null;
  const title = jsonText(posting.title) || jsonText(posting.name);
  const sections = JSON_LD_SECTIONS.map((key) => jsonText(posting[key])).filter(Boolean);
  if (!title && sections.length === 0) return null;
  return { title, sections };
}

// ---------------------------------------------------------------- badge links


/**
 * The badge URL inside a link: the link itself, or the target of a redirect wrapper (LinkedIn's
 * /redir/redirect and /safety/go, Google's /url?q=, and any `?url=` / `?u=` / `?target=` parameter).
 * Null for anything that is not an http(s) URL.
 */
export function unwrapLink(href: string, depth = 0): string | null {
  const url = httpUrl(href);
  if (!url) return null;
  if (depth < 3) {
    for (const name of ['url', 'q', 'u', 'target', 'dest', 'redirect']) {
      const inner = url.searchParams.get(name);
      if (inner && /^https?:\/\//i.test(inner)) return unwrapLink(inner, depth + 1) ?? url.href;
    }
  }
  return url.href;
}

/** Whether a URL is a badge: one of the configured BadgeLens server's, or a platform's badge address. */
export function isBadgeUrl(url: string, badgeOrigin: string): boolean {
  return isOwnBadgeUrl(url, badgeOrigin) || isPlatformBadgeUrl(url);
}

/** Every link in the scopes (the whole page when none is found) that leads to a badge. */
export function findBadgeLinksIn(doc: Document, badgeOrigin: string, scopes: readonly string[] = []): BadgeLink[] {
  const roots = scopes.flatMap((selector) => [...doc.querySelectorAll(selector)]);
  const searchRoots: ParentNode[] = roots.length ? roots.filter((root) => !roots.some((other) => other !== root && other.contains(root))) : [doc];
  const found: BadgeLink[] = [];
  const seen = new Set<HTMLAnchorElement>();
  for (const root of searchRoots) {
    for (const link of root.querySelectorAll<HTMLAnchorElement>('a[href]')) {
      if (seen.has(link)) continue;
      seen.add(link);
      const badgeUrl = unwrapLink(link.href);
      if (badgeUrl && isBadgeUrl(badgeUrl, badgeOrigin)) found.push({ link, badgeUrl });
    }
  }
  return found;
}

/** Hostname checks that a look-alike host (greenhouse.io.evil.example) cannot pass. */
export function hostIs(url: URL, ...hosts: string[]): boolean {
  return hosts.includes(url.hostname);
}

export function hostEndsWith(url: URL, domain: string): boolean {
  return url.hostname === domain || url.hostname.endsWith(`.${domain}`);
}
