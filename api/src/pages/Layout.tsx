/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { publicUrls } from '../lib/urls';
import { STYLES } from './theme';

export interface LayoutProps {
  /** The page's own title; " — BadgeLens" is appended. */
  title: string;
  publicUrl: string;
  description?: string;
  /** Extra <head> content: canonical and alternate links, Open Graph tags. */
  head?: Child;
  /** Pages that must not be indexed (not found, revoked). */
  noIndex?: boolean;
  /** A class on <body>, for page-wide states such as "revoked". */
  bodyClass?: string;
  children?: Child;
}

/** The one page shell: document head, header with navigation, main landmark, footer. */
export function Layout({ title, publicUrl, description, head, noIndex, bodyClass, children }: LayoutProps) {
  const urls = publicUrls(publicUrl);
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} — BadgeLens`}</title>
          {description && <meta name="description" content={description} />}
          {noIndex && <meta name="robots" content="noindex" />}
          <link rel="icon" href={urls.favicon()} type="image/svg+xml" />
          {head}
          <style>{raw(STYLES)}</style>
        </head>
        <body class={bodyClass}>
          <a class="skip-link" href="#main">
            Skip to content
          </a>
          <header class="site-header">
            <div class="wrap">
              <a class="wordmark" href={urls.home()}>
                BadgeLens
              </a>
              <nav class="site-nav" aria-label="Main">
                <ul>
                  <li>
                    <a href={urls.catalogue()}>Catalogue</a>
                  </li>
                  <li>
                    <a href={urls.apiDocs()}>API docs</a>
                  </li>
                  <li>
                    <a href={`${publicUrl}/portfolio`}>My badges</a>
                  </li>
                </ul>
              </nav>
            </div>
          </header>
          <main id="main" class="wrap" tabindex={-1}>
            {children}
          </main>
          <footer class="site-footer">
            <div class="wrap">
              <p>
                BadgeLens publishes and verifies Open Badges 2.0 credentials. Every badge page links to its machine-readable data so anyone can check it.
              </p>
              <p>
                <a href={urls.terms()}>Terms of use</a> · <a href={urls.privacy()}>Privacy notice</a>
              </p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
