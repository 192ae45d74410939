/** @jsxImportSource hono/jsx */
import type { AssertionRecord } from '../db/assertions';
import type { AssertionStatus } from '../lib/status';

export interface AssertionPageProps {
  record: AssertionRecord;
  status: AssertionStatus;
  publicUrl: string;
}

// Placeholder with the final signature: the pages helper replaces the body.
export function AssertionPage({ record, status }: AssertionPageProps) {
  return (
    <html lang="en">
      <body>
        <h1>{record.badgeClass.name}</h1>
        <p>{status}</p>
      </body>
    </html>
  );
}
