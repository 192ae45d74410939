// BadgeLens' UI on other sites: Preact rendered in a shadow root (WXT's createShadowRootUi) placed
// next to an element of the page, so the page's CSS cannot reach it and its CSS cannot leak out.
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';

export type PreactUi = ShadowRootContentScriptUi<HTMLElement>;

/** The host elements BadgeLens adds next to badge links and names. */
export const OVERLAY_TAG = 'badgelens-badge';
export const SUMMARY_TAG = 'badgelens-summary';

export interface PreactUiOptions {
  name: string;
  anchor: Element;
  append: 'after' | 'before' | 'first';
  css: string;
}

/** A shadow-root UI to render Preact into (`ui.mounted`, once mounted); removing it unrenders. */
export function createPreactUi(ctx: ContentScriptContext, { name, anchor, append, css }: PreactUiOptions): Promise<PreactUi> {
  return createShadowRootUi<HTMLElement>(ctx, {
    name,
    position: 'inline',
    anchor,
    append,
    css,
    onMount: (container) => container,
    onRemove: (container) => {
      if (container) render(null, container);
    },
  });
}

/**
 * Creating a UI is async: when what it was for went away meanwhile (`isGone`), the UI is removed
 * again and null returned.
 */
export async function createPreactUiUnlessGone(ctx: ContentScriptContext, options: PreactUiOptions, isGone: () => boolean): Promise<PreactUi | null> {
  const ui = await createPreactUi(ctx, options);
  if (isGone()) {
    ui.remove();
    return null;
  }
  return ui;
}

/** Calls `onChange` for mutation batches that `matters` says may change the UI. */
export function watchMutations(doc: Document, signal: AbortSignal, matters: (records: MutationRecord[]) => boolean, onChange: () => void): void {
  const observer = new MutationObserver((records) => {
    if (matters(records)) onChange();
  });
  observer.observe(doc.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
