/** @jsxImportSource hono/jsx */
import type { BadgeClass } from '../db/badgeClasses';
import type { Issuer } from '../db/issuers';

export interface BadgeClassPageProps {
  badgeClass: BadgeClass;
  issuer: Issuer;
  publicUrl: string;
}

// Placeholder with the final signature: the pages helper replaces the body.
export function BadgeClassPage({ badgeClass }: BadgeClassPageProps) {
  return (
    <html lang="en">
      <body>
        <h1>{badgeClass.name}</h1>
      </body>
    </html>
  );
}
