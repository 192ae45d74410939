// Starts Scalar's API reference (its standalone bundle, served by the API, loaded before this script)
// on the document at the mount element's data-openapi-url. Everything that would reach another host is
// off: Scalar's fonts, its request proxy and API client ("Test request"), its agent, MCP and telemetry.
(function () {
  'use strict';
  var mount = document.getElementById('reference');
  if (!mount || !window.Scalar) return;
  window.Scalar.createApiReference(mount, {
    url: mount.getAttribute('data-openapi-url'),
    slug: 'badgelens',
    title: 'BadgeLens API',
    withDefaultFonts: false,
    hideClientButton: true,
    hideTestRequestButton: true,
    telemetry: false,
    showDeveloperTools: 'never',
    agent: { disabled: true },
    mcp: { disabled: true },
    documentDownloadType: 'direct',
    persistAuth: false,
    expandAllResponses: true,
  });
})();
