// The pages' stylesheets, served under /assets/ with content-hashed names (http/assets.ts): a browser
// fetches each once a version, pages stay small, and the pages' policy needs no inline styles.
import { assetTable, CSS } from '../http/assets';
import { CONSOLE_STYLES, DOCS_STYLES, FORM_STYLES, MATCHING_STYLES, STYLES } from './theme';

export const pageStylesheets = assetTable({
  site: { name: 'site', ext: 'css', type: CSS, text: STYLES },
  forms: { name: 'forms', ext: 'css', type: CSS, text: FORM_STYLES },
  console: { name: 'console', ext: 'css', type: CSS, text: CONSOLE_STYLES },
  docs: { name: 'docs', ext: 'css', type: CSS, text: DOCS_STYLES },
  matching: { name: 'matching', ext: 'css', type: CSS, text: MATCHING_STYLES },
});

/** A page's stylesheets beyond the site's own, which every page links first. */
export type ExtraStylesheet = 'forms' | 'console' | 'docs' | 'matching';
