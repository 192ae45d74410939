// Starts the features of one site on the current page, restarts them on SPA navigation
// (wxt:locationchange) and stops them all with the content script's context.
// A feature that throws is logged and skipped: it never breaks the others.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Feature } from './feature';

export function runFeatures(ctx: ContentScriptContext, features: readonly Feature[]): void {
  let pageController: AbortController | undefined;

  const start = (url: URL) => {
    pageController?.abort();
    if (ctx.isInvalid) return;
    const controller = new AbortController();
    pageController = controller;
    const signal = controller.signal; // also aborted by ctx.onInvalidated below
    for (const feature of features) {
      if (!feature.include(url)) continue;
      Promise.resolve()
        .then(() => feature.init({ signal, ctx, url }))
        .catch((error: unknown) => console.error(`BadgeLens: feature ${feature.id} failed`, error));
    }
  };

  ctx.addEventListener(window, 'wxt:locationchange', (event) => start(new URL(event.newUrl.href)));
  ctx.onInvalidated(() => pageController?.abort());
  start(new URL(location.href));
}
