// The API reference at /docs: Scalar's renderer (its standalone browser bundle from the
// @scalar/api-reference npm package) draws /openapi.json. Its files are served under /assets/ and the
// page's policy lets it load nothing from any other host.
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { html } from 'hono/html';
import { assetTable, ASSETS_PATH, CSS, JS } from '../http/assets';
import { publicUrls } from '../lib/urls';

const require = createRequire(import.meta.url);

/** The package exports only its modules, so the bundle is found beside its main entry (dist/index.js). */
function scalarStandalonePath(): string {
  return join(dirname(require.resolve('@scalar/api-reference')), 'browser', 'standalone.js');
}

export const apiReferenceAssets = assetTable({
  scalarScript: { name: 'scalar-api-reference', ext: 'js', type: JS, path: scalarStandalonePath },
  startScript: { name: 'api-reference', ext: 'js', type: JS, path: () => fileURLToPath(new URL('./static/api-reference.js', import.meta.url)) },
  styles: { name: 'api-reference', ext: 'css', type: CSS, path: () => fileURLToPath(new URL('./static/api-reference.css', import.meta.url)) },
});

/**
 * Only this origin: scripts from /assets/; styles from /assets/ and the inline ones Scalar adds at run
 * time (<style> elements, style attributes), which cannot send anything anywhere while images, fonts
 * and connections (the document) stay on this origin.
 */
export function apiReferenceContentSecurityPolicy(publicUrl: string): string {
  const origin = new URL(publicUrl).origin;
  const assets = `${origin}${ASSETS_PATH}`;
  return [
    "default-src 'none'",
    `script-src ${assets}`,
    `style-src ${assets} 'unsafe-inline'`,
    `img-src 'self' ${origin} data:`,
    `font-src ${assets}`,
    `connect-src 'self' ${origin}`,
    "form-action 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The page: a mount element for the renderer, and for readers without scripts a link to the plain reference. */
export function apiReferencePage(publicUrl: string) {
  const urls = publicUrls(publicUrl);
  const assets = apiReferenceAssets.urls(publicUrl);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference — BadgeLens</title>
<meta name="description" content="Every route of the BadgeLens JSON API, with its parameters, body, responses and examples.">
<link rel="icon" href="${urls.favicon()}" type="image/svg+xml">
<link rel="stylesheet" href="${assets.styles}">
</head>
<body>
<noscript><p>This reference is drawn by a script. <a href="${urls.apiDocsPlain()}">Read the API reference without scripts</a>, or get the <a href="${urls.openapi()}">OpenAPI 3.1 document</a>.</p></noscript>
<div id="reference" data-openapi-url="${urls.openapi()}"></div>
<script src="${assets.scalarScript}"></script>
<script src="${assets.startScript}"></script>
</body>
</html>`;
}
