/** @jsxImportSource hono/jsx */
import { WaysOn } from './ErrorPage';
import { Layout } from './Layout';

export interface NotFoundPageProps {
  title: string;
  message: string;
  publicUrl: string;
}

/** The same friendly page for unknown and non-public objects: it must not reveal which is which. */
export function NotFoundPage({ title, message, publicUrl }: NotFoundPageProps) {
  return (
    <Layout title={title} publicUrl={publicUrl} noIndex>
      <h1>{title}</h1>
      <p class="lead">{message}</p>
      <p>If someone sent you this link, ask them to check it or to share the badge again.</p>
      <WaysOn publicUrl={publicUrl} />
    </Layout>
  );
}
