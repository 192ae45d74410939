/** @jsxImportSource hono/jsx */

export interface NotFoundPageProps {
  title: string;
  message: string;
  publicUrl: string;
}

// Placeholder with the final signature: the pages helper replaces the body.
export function NotFoundPage({ title, message }: NotFoundPageProps) {
  return (
    <html lang="en">
      <body>
        <h1>{title}</h1>
        <p>{message}</p>
      </body>
    </html>
  );
}
