// Refined GitHub's shape for features: one file each, an id, where it runs, and an init whose
// every side effect ends with the given AbortSignal (navigation away or the script's death).
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export interface FeatureContext {
  signal: AbortSignal;
  ctx: ContentScriptContext;
  url: URL;
}

export type FeatureSite = 'linkedin' | 'jobsites';

export interface Feature {
  /** Equals the feature's file name in extension/features/. */
  id: string;
  /** One sentence for people: what the user sees. */
  description: string;
  /** Which content script(s) run it. */
  site: FeatureSite | readonly FeatureSite[];
  /** Whether it runs on this page (checked again on every SPA navigation). */
  include: (url: URL) => boolean;
  init: (context: FeatureContext) => void | Promise<void>;
}

export function defineFeature(feature: Feature): Feature {
  return feature;
}
