import { Hono } from 'hono';
import type { AppEnv } from '../http/env';
import { publicUrls } from '../lib/urls';
import { attributeExtensionContext, attributeExtensionSchema } from './attributeExtension';

const EXTENSION_CACHE_CONTROL = 'public, max-age=86400';

/** The Open Badges 2.0 extensions this server's assertions use: their JSON-LD contexts and JSON Schemas, readable from any origin. */
export const extensionRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', '*');
    c.res.headers.set('Cache-Control', EXTENSION_CACHE_CONTROL);
  })
  .get('/badge-attribute/context.json', (c) =>
    c.body(JSON.stringify(attributeExtensionContext(publicUrls(c.var.deps.publicUrl))), 200, { 'Content-Type': 'application/ld+json' }),
  )
  .get('/badge-attribute/schema.json', (c) =>
    c.body(JSON.stringify(attributeExtensionSchema(publicUrls(c.var.deps.publicUrl))), 200, { 'Content-Type': 'application/schema+json' }),
  );
