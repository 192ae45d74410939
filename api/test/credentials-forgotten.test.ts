// A badge its earner deletes keeps no personal data: its stored Open Badges 3.0 credential (which names
// the recipient) goes with the name and email, and the signing worker never makes it again.
import { describe, expect, it } from 'vitest';
import { setAssertionAccount } from '../src/db/assertions';
import { queueMissingCredentials } from '../src/ob3/worker';
import { ephemeralKeyEncryptionKey } from '../src/ob3/signing';
import { earnerWorld, issueBadge, issuerWithBadge, requestToken, verifiedAccount } from './earners-helpers';
import { jsonRequest, PUBLIC_URL } from './helpers';

describe('deleting a held badge', () => {
  it('erases its stored credential, which is then neither served nor queued again', async () => {
    const w = await earnerWorld();
    const issuer = await issuerWithBadge(w);
    const kept = await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
    const deleted = await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
    const account = await verifiedAccount(w, 'jane@example.com');
    for (const id of [kept, deleted]) await setAssertionAccount(w.db, id, account.id);
    for (const id of [kept, deleted]) {
      const response = await w.app.request(`/credentials/${id}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Jane Doe');
    }
    const { token } = (await (await requestToken(w, 'jane@example.com', 'correct horse battery')).json()) as { token: string };

    const response = await w.app.request(`/api/v1/me/badges/${deleted}`, jsonRequest('DELETE', undefined, { Authorization: `Bearer ${token}` }));
    expect(response.status).toBe(204);

    const stored = await w.db.selectFrom('assertion_credentials').select(['assertion_id', 'credential']).execute();
    expect(stored.map((row) => row.assertion_id)).toEqual([kept]);
    expect(stored[0].credential).toContain('Jane Doe');
    expect((await w.app.request(`/credentials/${deleted}`)).status).toBe(404);
    const signing = { db: w.db, publicUrl: PUBLIC_URL, keyEncryptionKey: ephemeralKeyEncryptionKey(w.db), now: w.clock.now };
    expect(await queueMissingCredentials(signing)).toBe(0);
    expect(await w.db.selectFrom('assertion_credentials').select('assertion_id').execute()).toEqual([{ assertion_id: kept }]);
  });
});
