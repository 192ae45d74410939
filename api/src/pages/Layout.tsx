/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { earnerUrls } from '../earners/urls';
import { publicUrls } from '../lib/urls';
import { pageStylesheets, type ExtraStylesheet } from './stylesheets';

export interface LayoutProps {
  /** The page's own title; " — BadgeLens" is appended. */
  title: string;
  publicUrl: string;
  description?: string;
  /** Extra <head> content: canonical and alternate links, Open Graph tags. */
  head?: Child;
  /** The page's stylesheets beyond the site's own, linked after it in this order. */
  stylesheets?: readonly ExtraStylesheet[];
  /** Pages that must not be indexed (not found, revoked). */
  noIndex?: boolean;
  /** A class on <body>, for page-wide states such as "revoked". */
  bodyClass?: string;
  /**
   * Who is looking, on pages that know (the earner pages). Public pages are cached for everyone alike,
   * so they leave it out and show the links that fit every visitor.
   */
  account?: AccountNav;
  children?: Child;
}

/** `console`: the person is staff of an issuer, so the header links to the issuer console. */
export type AccountNav = { signedInAs: { firstName: string; console?: boolean }; csrf: string } | { signedInAs: null };

function AccountLinks({ account, publicUrl }: { account: AccountNav | undefined; publicUrl: string }) {
  const earner = earnerUrls(publicUrl);
  if (!account) {
    // "My badges" leads a signed-out visitor to the login page, so it is right for everyone.
    return (
      <li>
        <a href={earner.portfolio()}>My badges</a>
      </li>
    );
  }
  if (!account.signedInAs) {
    return (
      <>
        <li>
          <a href={earner.login()}>Log in</a>
        </li>
        <li>
          <a href={earner.register()}>Register</a>
        </li>
      </>
    );
  }
  return (
    <>
      <li>
        <a href={earner.portfolio()}>My badges</a>
      </li>
      <li>
        <a href={earner.profile()}>Profile</a>
      </li>
      {account.signedInAs.console && (
        <li>
          <a href={`${publicUrl}/console`}>Console</a>
        </li>
      )}
      <li>
        <form method="post" action="/logout" class="inline-form">
          <input type="hidden" name="csrf" value={account.csrf} />
          <button type="submit" class="link-button">
            Log out <span class="muted">({account.signedInAs.firstName})</span>
          </button>
        </form>
      </li>
    </>
  );
}

/** The one page shell: document head, header with navigation, main landmark, footer. */
export function Layout({ title, publicUrl, description, head, stylesheets = [], noIndex, bodyClass, account, children }: LayoutProps) {
  const urls = publicUrls(publicUrl);
  const stylesheetUrls = pageStylesheets.urls(publicUrl);
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
          <link rel="stylesheet" href={stylesheetUrls.site} />
          {stylesheets.map((sheet) => (
            <link rel="stylesheet" href={stylesheetUrls[sheet]} />
          ))}
          {head}
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
                  <AccountLinks account={account} publicUrl={publicUrl} />
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
