/** @jsxImportSource hono/jsx */
import { publicUrls } from '../lib/urls';
import { Layout } from './Layout';

export interface NotFoundPageProps {
  title: string;
  message: string;
  publicUrl: string;
}

/** The same friendly page for unknown and non-public objects: it must not reveal which is which. */
export function NotFoundPage({ title, message, publicUrl }: NotFoundPageProps) {
  const urls = publicUrls(publicUrl);
  return (
    <Layout title={title} publicUrl={publicUrl} noIndex>
      <h1>{title}</h1>
      <p class="lead">{message}</p>
      <p>If someone sent you this link, ask them to check it or to share the badge again.</p>
      <ul>
        <li>
          <a href={urls.home()}>Go to the BadgeLens home page</a>
        </li>
        <li>
          <a href={urls.catalogue()}>Browse the badge catalogue</a>
        </li>
      </ul>
    </Layout>
  );
}
