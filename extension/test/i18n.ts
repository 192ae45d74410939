// browser.i18n for the extension's unit tests (WXT's fake browser has none): messages from the
// English messages.json, with Chrome's substitution rules ($NAME$ placeholders whose content is
// $1…$9, and $$ for a dollar sign).
import { fakeBrowser } from 'wxt/testing';
import messages from '../public/_locales/en/messages.json';

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export function formatMessage(all: Record<string, Message>, key: string, substitutions: string | string[] = []): string {
  const entry = all[key];
  if (!entry) return '';
  const values = Array.isArray(substitutions) ? substitutions : [substitutions];
  const positional = (text: string) => text.replace(/\$(\d)/g, (_, index: string) => values[Number(index) - 1] ?? '');
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? positional(placeholder.content) : whole;
    })
    .replace(/\$\$/g, '$');
}

export function installFakeI18n(): void {
  fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => formatMessage(messages as Record<string, Message>, key, substitutions)) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => 'en-US';
}

installFakeI18n();
