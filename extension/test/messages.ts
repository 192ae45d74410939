// Chrome's rules for filling a message of messages.json ($NAME$ placeholders whose content is
// $1…$9, and $$ for a dollar sign), for where there is no real browser.i18n: the unit tests and
// the content-script benchmark's page.

export interface Message {
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
