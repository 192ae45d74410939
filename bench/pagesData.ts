// The database of bench/pages.ts and bench/soak.ts: one issuer, two badge classes offering certificates,
// `count` badges issued through the data layer (public, as an earner shares them).
import { createBadgeClass } from '../api/src/db/badgeClasses';
import { issueAssertion } from '../api/src/db/assertions';
import { openDb } from '../api/src/db/connection';
import { createIssuer } from '../api/src/db/issuers';

export async function buildPagesDatabase(target: string, count: number): Promise<string[]> {
  const db = await openDb(target);
  try {
    const issuer = await createIssuer(db, { name: 'Bench Welding Society', url: 'https://welding.example', email: 'office@welding.example' });
    const classes = await Promise.all(
      (['certification', 'skill'] as const).map((category, i) =>
        createBadgeClass(db, issuer.id, {
          name: `Underwater Welding Level ${i + 1}`,
          description: 'Wet welding in open water, to the society’s standard.',
          category,
          criteria: 'Passed the practical exam.',
          offersCertificate: true,
          validityMonths: 36,
        }),
      ),
    );
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const assertion = await issueAssertion(db, classes[i % classes.length], { email: `earner${i}@earners.example`, name: `Bench Earner ${i}` });
      ids.push(assertion.id);
    }
    return ids;
  } finally {
    await db.destroy();
  }
}
