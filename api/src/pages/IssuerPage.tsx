/** @jsxImportSource hono/jsx */
import type { BadgeClass } from '../db/badgeClasses';
import type { Issuer } from '../db/issuers';

export interface IssuerPageProps {
  issuer: Issuer;
  badgeClasses: BadgeClass[];
  publicUrl: string;
}

// Placeholder with the final signature: the pages helper replaces the body.
export function IssuerPage({ issuer }: IssuerPageProps) {
  return (
    <html lang="en">
      <body>
        <h1>{issuer.name}</h1>
      </body>
    </html>
  );
}
