// The stylesheets of BadgeLens' shadow roots, as text bundled into the content scripts: each UI
// gets its sheet at once, where WXT's cssInjectionMode 'ui' would fetch the entrypoint's CSS file
// from the extension for every chip (21 fetches on a profile before the first chip can show).
import jobPanelCss from './job-panel.css?inline';
import overlayCss from './overlay.css?inline';

/** Chips, their cards and the summary pill. */
export const OVERLAY_CSS = overlayCss;
/** The job panel: its own rules on top of the chips' (it shares their colours and buttons). */
export const JOB_PANEL_CSS = `${overlayCss}\n${jobPanelCss}`;
