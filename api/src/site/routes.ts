import { Hono } from 'hono';
import type { AppEnv } from '../http/env';
import { FAVICON_SVG, faviconIco } from '../pages/favicon';
import { PrivacyPage } from '../pages/PrivacyPage';
import { TermsPage } from '../pages/TermsPage';

const ICON_CACHE_CONTROL = 'public, max-age=86400';

/** The site's own pages and files: terms of use, privacy notice, the icon. */
export const siteRoutes = new Hono<AppEnv>()
  .get('/terms', (c) => c.html(TermsPage({ publicUrl: c.var.deps.publicUrl })))
  .get('/privacy', (c) => c.html(PrivacyPage({ publicUrl: c.var.deps.publicUrl })))
  .get('/favicon.svg', (c) => c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': ICON_CACHE_CONTROL }))
  .get('/favicon.ico', (c) => c.body(new Uint8Array(faviconIco()), 200, { 'Content-Type': 'image/x-icon', 'Cache-Control': ICON_CACHE_CONTROL }));
