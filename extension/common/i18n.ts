// The extension's words and how it writes dates: every user-facing string is a message of
// public/_locales/<language>/messages.json, read through browser.i18n (in every context: the
// background, the popup and options pages, the content scripts), and dates are formatted with
// Intl in the reader's language. Formatters are made on first use only: creating one costs
// milliseconds, which a content script on a page that needs none should not pay.
import { browser } from 'wxt/browser';
import type messages from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;

/** The message in the browser's language (English when there is no translation); `substitutions` fill its $PLACEHOLDERS$ in order. */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return browser.i18n.getMessage(key, substitutions.map(String));
}

/**
 * The language to write dates in: in a content script the page's own (LinkedIn's `<html lang>`),
 * on the extension's pages the browser's.
 */
export function readerLocale(): string | undefined {
  const pageLanguage = typeof document === 'undefined' ? '' : document.documentElement.lang;
  const isExtensionPage = typeof location !== 'undefined' && /-extension:$/.test(location.protocol);
  return (isExtensionPage ? browser.i18n.getUILanguage() : pageLanguage) || (typeof navigator === 'undefined' ? undefined : navigator.language) || undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A date (UTC, as badges are dated) in the reader's language: "Mar 1, 2025", "1 mars 2025", "2025年3月1日". */
export function formatDate(iso: string, style: 'day' | 'month' = 'day', locale = readerLocale()): string {
  const cacheKey = `${locale}|${style}`;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions =
      style === 'day' ? { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' } : { year: 'numeric', month: 'long', timeZone: 'UTC' };
    formatter = safely(() => new Intl.DateTimeFormat(locale, options), () => new Intl.DateTimeFormat(undefined, options));
    formatters.set(cacheKey, formatter);
  }
  return formatter.format(new Date(iso));
}

const pluralRules = new Map<string | undefined, Intl.PluralRules>();

/** Picks the message for `count`: `one` where the reader's language says "one", `other` for the rest. */
export function plural(count: number, forms: { one: () => string; other: () => string }, locale = readerLocale()): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = safely(() => new Intl.PluralRules(locale), () => new Intl.PluralRules())));
  return rules.select(count) === 'one' ? forms.one() : forms.other();
}

const relativeTimes = new Map<string | undefined, Intl.RelativeTimeFormat>();

/** "5 minutes ago", "vor 3 Stunden": how long ago, in the reader's language. */
export function formatAgo(amount: number, unit: 'minute' | 'hour', locale = readerLocale()): string {
  let format = relativeTimes.get(locale);
  if (!format) relativeTimes.set(locale, (format = safely(() => new Intl.RelativeTimeFormat(locale), () => new Intl.RelativeTimeFormat())));
  return format.format(-amount, unit);
}

/** A formatter for the locale, or the default one when Intl does not know the locale (a page's odd `lang`). */
function safely<T>(make: () => T, fallback: () => T): T {
  try {
    return make();
  } catch {
    return fallback();
  }
}
