/** @jsxImportSource hono/jsx */
import { publicUrls } from '../lib/urls';
import { Layout } from './Layout';

export interface ErrorPageProps {
  status: number;
  /** What went wrong, for a person (the JSON error's message when nothing better is known). */
  message: string;
  publicUrl: string;
  /** A way on that fits the failure, shown before the home page and catalogue links. */
  link?: { href: string; label: string };
}

const TITLES: Record<number, string> = {
  400: 'This address is not quite right',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Page not found',
  405: 'This page cannot be used that way',
  409: 'This cannot be done now',
  410: 'This is no longer available',
  413: 'That was too much data',
  415: 'This kind of data is not accepted here',
  423: 'Account locked',
  429: 'Too many requests',
};

export function errorTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Something went wrong on our side' : 'This request did not work');
}

/** Where to go from a page that has nothing to show: `link` when one fits, then the home page and the catalogue. */
export function WaysOn({ publicUrl, link }: { publicUrl: string; link?: { href: string; label: string } }) {
  const urls = publicUrls(publicUrl);
  return (
    <ul>
      {link && (
        <li>
          <a href={link.href}>{link.label}</a>
        </li>
      )}
      <li>
        <a href={urls.home()}>Go to the BadgeLens home page</a>
      </li>
      <li>
        <a href={urls.catalogue()}>Browse the badge catalogue</a>
      </li>
    </ul>
  );
}

/** The page people get instead of a JSON error body: what happened, and a way back. */
export function ErrorPage({ status, message, publicUrl, link }: ErrorPageProps) {
  const title = errorTitle(status);
  return (
    <Layout title={title} publicUrl={publicUrl} noIndex>
      <h1>{title}</h1>
      <p class="lead">{message}</p>
      {status >= 500 && <p>Please try again in a moment. If it keeps happening, tell the people who run this BadgeLens server.</p>}
      <WaysOn publicUrl={publicUrl} link={link} />
      <p class="muted">Error {status}</p>
    </Layout>
  );
}
