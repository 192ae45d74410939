/** @jsxImportSource hono/jsx */
// The pages' colours and stylesheet. Colours live here as data so a test can check every
// text/background pair against WCAG AA in both the light and the dark scheme.

export interface Palette {
  background: string;
  surface: string;
  text: string;
  muted: string;
  border: string;
  link: string;
  buttonBackground: string;
  buttonText: string;
  focus: string;
  tagBackground: string;
  tagText: string;
  validBackground: string;
  validText: string;
  validBorder: string;
  expiredBackground: string;
  expiredText: string;
  expiredBorder: string;
  revokedBackground: string;
  revokedText: string;
  revokedBorder: string;
}

export const lightPalette: Palette = {
  background: '#ffffff',
  surface: '#f5f6f8',
  text: '#1b1d21',
  muted: '#4b5260',
  border: '#c9ced6',
  link: '#0b57d0',
  buttonBackground: '#0b57d0',
  buttonText: '#ffffff',
  focus: '#b35c00',
  tagBackground: '#e8eefb',
  tagText: '#143a7a',
  validBackground: '#e5f4e9',
  validText: '#0c4a1c',
  validBorder: '#1e7d35',
  expiredBackground: '#fff3dc',
  expiredText: '#5e3400',
  expiredBorder: '#b26a00',
  revokedBackground: '#fde9e7',
  revokedText: '#861a12',
  revokedBorder: '#c62828',
};

export const darkPalette: Palette = {
  background: '#121418',
  surface: '#1d2026',
  text: '#e8eaed',
  muted: '#b3b9c2',
  border: '#3c424c',
  link: '#8ab4f8',
  buttonBackground: '#8ab4f8',
  buttonText: '#0f1a2e',
  focus: '#ffb74d',
  tagBackground: '#1f2f4d',
  tagText: '#cfe0ff',
  validBackground: '#10301a',
  validText: '#a9e8b7',
  validBorder: '#4caf68',
  expiredBackground: '#35260a',
  expiredText: '#ffd699',
  expiredBorder: '#e09a2e',
  revokedBackground: '#3d1512',
  revokedText: '#ffb8b0',
  revokedBorder: '#ef5350',
};

/** Text colour / background colour pairs that carry readable text, for the contrast test. */
export const TEXT_PAIRS: readonly [keyof Palette, keyof Palette][] = [
  ['text', 'background'],
  ['muted', 'background'],
  ['link', 'background'],
  ['text', 'surface'],
  ['muted', 'surface'],
  ['link', 'surface'],
  ['buttonText', 'buttonBackground'],
  ['tagText', 'tagBackground'],
  ['validText', 'validBackground'],
  ['expiredText', 'expiredBackground'],
  ['revokedText', 'revokedBackground'],
];

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16));
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG 2 contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(foreground: string, background: string): number {
  const [lighter, darker] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (lighter + 0.05) / (darker + 0.05);
}

function cssVariables(palette: Palette): string {
  return Object.entries(palette)
    .map(([name, value]) => `--${name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}:${value}`)
    .join(';');
}

/** The site's stylesheet, linked from every page (pages/stylesheets.ts): system fonts, no external resources. */
export const STYLES = `
:root{color-scheme:light dark;${cssVariables(lightPalette)}}
@media (prefers-color-scheme:dark){:root{${cssVariables(darkPalette)}}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--background);color:var(--text);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;overflow-wrap:anywhere}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,main:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
img{max-width:100%;height:auto}
h1,h2,h3,h4{line-height:1.25;margin:1.5em 0 .5em}
h1{font-size:clamp(1.6rem,5vw,2.25rem);margin-top:.25em}
h2{font-size:1.4rem}
h3{font-size:1.15rem}
h4{font-size:1rem}
.skip-link{position:absolute;left:.5rem;top:-4rem;background:var(--button-background);color:var(--button-text);padding:.5rem 1rem;border-radius:.25rem;z-index:10}
.skip-link:focus{top:.5rem}
.site-header,.site-footer{background:var(--surface);border-color:var(--border);border-style:solid;border-width:0}
.site-header{border-bottom-width:1px}
.site-footer{border-top-width:1px;margin-top:3rem;color:var(--muted);font-size:.95rem}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1.5rem;padding-top:.75rem;padding-bottom:.75rem}
.wordmark{font-weight:700;font-size:1.25rem;color:var(--text);text-decoration:none}
.inline-form{display:inline}
.link-button{background:none;border:0;padding:0;font:inherit;color:var(--link);text-decoration:underline;cursor:pointer}
.site-nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;list-style:none;margin:0;padding:0}
.site-footer .wrap{padding-top:1.25rem;padding-bottom:1.25rem}
main{display:block;padding-top:1.5rem}
.muted{color:var(--muted)}
.lead{font-size:1.15rem}
.prose{white-space:pre-line}
.status{display:flex;gap:.75rem;align-items:flex-start;border:2px solid;border-left-width:.5rem;border-radius:.5rem;padding:1rem 1.25rem;margin:0 0 1.5rem}
.status svg{flex:none;width:2rem;height:2rem;margin-top:.1rem}
.status-title{display:block;font-size:1.35rem;font-weight:700;line-height:1.3}
.status-reason{font-weight:600;font-size:1.05rem}
.status p{margin:.25rem 0 0}
.status-valid{background:var(--valid-background);color:var(--valid-text);border-color:var(--valid-border)}
.status-expired{background:var(--expired-background);color:var(--expired-text);border-color:var(--expired-border)}
.status-revoked{background:var(--revoked-background);color:var(--revoked-text);border-color:var(--revoked-border)}
.status-private{background:var(--surface);color:var(--text);border-color:var(--text)}
.status-self-claimed{background:var(--surface);color:var(--text);border-color:var(--muted);border-style:dashed}
.status a{color:inherit}
.hero{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
.hero-image{flex:none;width:12rem;max-width:100%}
.hero-image img{display:block;width:100%;border-radius:.5rem}
.hero-text{flex:1 1 16rem;min-width:0}
.revoked .hero-image img{filter:grayscale(1);opacity:.6}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:1rem 0}
.facts dt{font-weight:600}
.facts dd{margin:0}
@media (max-width:30rem){.facts{grid-template-columns:1fr}.facts dd{margin-bottom:.5rem}}
.button{display:inline-block;background:var(--button-background);color:var(--button-text);border:0;border-radius:.375rem;padding:.5rem 1rem;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;margin:1rem 0}
.share-buttons{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.tags{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0}
.tag{display:inline-block;background:var(--tag-background);color:var(--tag-text);border-radius:1rem;padding:.1rem .75rem;font-size:.95rem}
.requirements{padding-left:1.25rem}
.requirements li{margin:.35rem 0}
.requirements .completed{color:var(--valid-text)}
.kind{font-weight:600}
.audiences,.category-links{list-style:none;padding:0;margin:0 0 1.5rem;display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,16rem),1fr));gap:1rem}
.audiences li,.category-links li{background:var(--surface);border:1px solid var(--border);border-radius:.5rem;padding:1rem}
.audiences h3{margin:0 0 .25rem}
.category-links a{font-weight:600}
.category-links p{margin:.25rem 0 0}
.cards{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,19rem),1fr));gap:1rem}
.card{display:flex;gap:1rem;background:var(--surface);border:1px solid var(--border);border-radius:.5rem;padding:1rem}
.card img{flex:none;width:3.5rem;height:3.5rem}
.card-title{margin:0 0 .25rem;font-size:1.05rem}
.card p{margin:.25rem 0}
.category-description{margin-top:0}
.search{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;background:var(--surface);border:1px solid var(--border);border-radius:.5rem;padding:1rem;margin:1rem 0 1.5rem}
.search label{display:block;font-weight:600;margin-bottom:.25rem}
.search .field{flex:1 1 12rem}
.search input,.search select{width:100%;font:inherit;padding:.45rem .6rem;border:1px solid var(--muted);border-radius:.375rem;background:var(--background);color:var(--text)}
.search input::placeholder{color:var(--muted);opacity:1}
.empty{background:var(--surface);border:1px solid var(--border);border-radius:.5rem;padding:1.25rem}
`;

/** The API reference page's own stylesheet (site/docsRoutes.ts). */
export const DOCS_STYLES = `
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
pre{background:var(--surface);border:1px solid var(--border);border-radius:.375rem;padding:.75rem;overflow-x:auto}
.docs table{border-collapse:collapse;width:100%;margin:.75rem 0}
.docs caption{text-align:left;font-weight:600;padding-bottom:.25rem}
.docs th,.docs td{border:1px solid var(--border);padding:.35rem .5rem;text-align:left;vertical-align:top}
.docs thead th{background:var(--surface)}
.route{border-top:1px solid var(--border);padding-top:.5rem;margin-top:1.5rem}
.summary{color:var(--muted);margin-top:0}
.method{display:inline-block;min-width:4.2em;padding:.1em .4em;border-radius:4px;color:#fff;font-size:.8em;text-align:center}
.method-get{background:#1a6b3c}.method-post{background:#0b5cad}.method-patch{background:#8a4b00}
.method-put{background:#6a3fa0}.method-delete{background:#a4161a}
`;

/** The forms of the earner and console pages, on top of the site's stylesheet (its colour variables). */
export const FORM_STYLES = `
.form{max-width:32rem;background:var(--surface);border:1px solid var(--border);border-radius:.5rem;padding:1.25rem;margin:1rem 0}
.field{margin:0 0 1rem}
.field label{display:block;font-weight:600;margin-bottom:.25rem}
.field input[type=text],.field input[type=email],.field input[type=password],.field input[type=url]{width:100%;box-sizing:border-box;font:inherit;padding:.45rem .6rem;border:1px solid var(--muted);border-radius:.375rem;background:var(--background);color:var(--text)}
.field .hint{margin:.25rem 0 0;color:var(--muted);font-size:.95rem}
.field-error{margin:.25rem 0 0;color:var(--revoked-text);font-weight:600}
.field.invalid input{border-color:var(--revoked-border);border-width:2px}
.field textarea{width:100%;box-sizing:border-box;font:inherit;font-family:monospace;padding:.45rem .6rem;border:1px solid var(--muted);border-radius:.375rem;background:var(--background);color:var(--text);min-height:5rem}
.field input[type=file]{font:inherit;max-width:100%}
.field select{max-width:100%}
.import-form{max-width:40rem}
.field label.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}
.notice{background:var(--valid-background);color:var(--valid-text);border:1px solid var(--valid-border);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.alert{background:var(--revoked-background);color:var(--revoked-text);border:1px solid var(--revoked-border);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.button.secondary{background:var(--surface);color:var(--text);border:1px solid var(--muted)}
.badge-list{list-style:none;padding:0;margin:0;display:grid;gap:1rem}
.badge-item{display:flex;gap:1rem;background:var(--surface);border:1px solid var(--border);border-radius:.5rem;padding:1rem}
.badge-item img{flex:none;width:5rem;height:5rem}
.badge-item h2{margin:0 0 .25rem;font-size:1.15rem}
.state{display:inline-block;border-radius:1rem;padding:.05rem .6rem;font-size:.9rem;background:var(--tag-background);color:var(--tag-text);margin-right:.35rem}
.mail{border:1px solid var(--border);border-radius:.5rem;padding:1rem;margin:1rem 0;background:var(--surface)}
.mail h2{margin-top:0}
.mail pre{white-space:pre-wrap;word-break:break-word}
.mail iframe{width:100%;height:28rem;border:1px solid var(--border);background:#fff}
`;

/** The issuer console's navigation, tables and previews. */
export const CONSOLE_STYLES = `
.console-nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:.5rem 0 1.5rem;border-bottom:1px solid var(--border)}
.console-nav a{display:inline-block;padding:.4rem 0}
.console-nav a[aria-current=page]{font-weight:700;text-decoration:none;border-bottom:3px solid currentColor}
.table-wrap{overflow-x:auto}
table.data{border-collapse:collapse;width:100%;margin:1rem 0;background:var(--surface)}
table.data th,table.data td{border:1px solid var(--border);padding:.4rem .6rem;text-align:left;vertical-align:top}
table.data tr.row-error td{background:var(--revoked-background);color:var(--revoked-text)}
.figures{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}
.figures li{background:var(--surface);border:1px solid var(--border);border-radius:.5rem;padding:.75rem 1rem;min-width:8rem}
.figures strong{display:block;font-size:1.5rem}
progress{width:100%;height:1.5rem}
.preview-card{border:1px solid var(--border);border-radius:.5rem;padding:1rem;background:var(--surface);max-width:32rem}
.preview-card img{width:8rem;height:8rem;object-fit:cover;display:block;margin-bottom:.5rem}
.card-preview img{width:100%;height:auto;aspect-ratio:1200/627;border:1px solid var(--border);object-fit:contain}
.field select,.field input[type=number],.field input[type=date]{font:inherit;padding:.4rem .5rem}
.key-once{font-family:monospace;word-break:break-all;background:var(--tag-background);padding:.5rem;border-radius:.375rem}
`;

/** The organisation and person pages (public) and the staff's management pages. */
export const MATCHING_STYLES = `
.badge-refs{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem}
.badge-refs li{display:flex;align-items:center;gap:.4rem}
.badge-refs img{width:2.5rem;height:2.5rem}
.entries{list-style:none;padding:0;display:grid;gap:1rem}
.entries>li{background:var(--surface);border:1px solid var(--border);border-radius:.5rem;padding:1rem}
.entries h3{margin:0 0 .25rem}
.actions{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;margin-top:.5rem}
.actions form{margin:0}
.field input[type=date]{font:inherit;padding:.4rem .5rem}
`;
