// Loading a fixture into happy-dom's document the way a navigation would show it.
import { loadFixture, type BadgeUrls, type FixtureName, FIXTURES } from './linkedin-fixtures';

export function showFixture(name: FixtureName, urls: BadgeUrls, { path = FIXTURES[name] }: { path?: string } = {}): void {
  history.replaceState(null, '', path);
  replaceDocument(loadFixture(name, urls));
}

export function replaceDocument(html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.title = parsed.title;
  document.documentElement.className = parsed.documentElement.className;
  document.head.replaceChildren(...[...parsed.head.childNodes].map((node) => document.importNode(node, true)));
  document.body.className = parsed.body.className;
  document.body.replaceChildren(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
}

/** The main element of a fixture, ready to be swapped in like LinkedIn's SPA does. */
export function fixtureMain(name: FixtureName, urls: BadgeUrls): { main: Element; title: string } {
  const parsed = new DOMParser().parseFromString(loadFixture(name, urls), 'text/html');
  return { main: document.importNode(parsed.querySelector('main')!, true), title: parsed.title };
}

export function entry(name: string): Element {
  const found = document.querySelector(`[data-entry="${name}"]`);
  if (!found) throw new Error(`No entry ${name} in the page`);
  return found;
}

export function overlaysIn(element: ParentNode): Element[] {
  return [...element.querySelectorAll('badgelens-badge')];
}

export function chipTexts(element: ParentNode): string[] {
  return overlaysIn(element).flatMap((host) =>
    [...(host.shadowRoot?.querySelectorAll('.chip') ?? [])].map((chip) => (chip.textContent ?? '').replace(/\s+/g, ' ').trim()),
  );
}

export function chipLabels(element: ParentNode): string[] {
  return overlaysIn(element).flatMap((host) => [...(host.shadowRoot?.querySelectorAll('.chip-label') ?? [])].map((label) => label.textContent ?? ''));
}

export function summaryText(): string | null {
  const hosts = document.querySelectorAll('badgelens-summary');
  if (hosts.length > 1) throw new Error(`${hosts.length} summary pills`);
  return hosts[0]?.shadowRoot?.querySelector('.chip-label')?.textContent ?? null;
}
