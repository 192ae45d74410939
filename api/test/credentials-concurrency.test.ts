// Several API nodes on one database (each with its own clock and its own copy of KEY_ENCRYPTION_KEY;
// on PostgreSQL each with its own connection pool) racing for the same first signature: the database
// keeps one, and every node serves that one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { KeyEncryptionKey } from '../src/credentials/keys';
import { openDb, type Db } from '../src/db/connection';
import { PUBLIC_URL, TEST_ENGINE, makeIssuer } from './helpers';
import { createTestDatabase, dropTestDatabase } from './support/testDatabase';

const cleanUps: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

/**
 * Handles on one new database for `count` nodes: PostgreSQL, a pool each. SQLite: one file, one handle for
 * all (several handles in one process would wait on each other's locks in one thread; nodes on SQLite
 * are processes, which the busy timeout serves).
 */
async function sharedDatabase(count: number): Promise<Db[]> {
  let target: string;
  if (TEST_ENGINE === 'postgres') {
    const { name, url } = await createTestDatabase();
    cleanUps.push(() => dropTestDatabase(name));
    target = url;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'badgelens-nodes-'));
    cleanUps.push(() => rmSync(dir, { recursive: true, force: true }));
    target = join(dir, 'badgelens.db');
  }
  const handles: Db[] = [];
  for (let i = 0; i < (TEST_ENGINE === 'postgres' ? count : 1); i++) {
    const db = await openDb(target);
    cleanUps.push(() => db.destroy());
    handles.push(db);
  }
  return Array.from({ length: count }, (_, i) => handles[i % handles.length]);
}

describe('concurrent first fetches of one credential', () => {
  it('store exactly one signed version, which all 20 answers carry', async () => {
    const handles = await sharedDatabase(4);
    const keyHex = KeyEncryptionKey.generate().toHex();
    // Each node's clock is minutes apart: two stored signatures could never carry the same proof time.
    const nodes = handles.map((db, n) =>
      createApp({ db, publicUrl: PUBLIC_URL, keyEncryptionKey: KeyEncryptionKey.fromHex(keyHex), now: () => new Date(Date.UTC(2026, 0, 1, 12, n * 10)) }),
    );
    const { auth } = await makeIssuer(handles[0]);
    const badge = await nodes[0].request('/api/v1/badges', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'Forklift Safety', description: 'Operates a forklift safely.', category: 'certification', criteria: 'Pass the practical test.' }),
    });
    const badgeClassId = ((await badge.json()) as { id: string }).id;
    const issued = await nodes[1].request(`/api/v1/badges/${badgeClassId}/assertions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ email: 'kim@example.test', name: 'Kim Example' }),
    });
    const id = ((await issued.json()) as { id: string }).id;
    expect(await handles[2].selectFrom('assertion_credentials').select('signed_at').where('assertion_id', '=', id).executeTakeFirstOrThrow()).toEqual({ signed_at: null });

    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => nodes[i % nodes.length].request(`/credentials/${id}`)));
    const bodies = await Promise.all(answers.map(async (answer) => {
      expect(answer.status).toBe(200);
      return answer.text();
    }));
    const stored = await handles[3].selectFrom('assertion_credentials').select(['credential', 'signed_at', 'key_number']).where('assertion_id', '=', id).executeTakeFirstOrThrow();
    expect(stored.signed_at).not.toBeNull();
    expect(new Set(bodies)).toEqual(new Set([stored.credential]));
    expect(JSON.parse(stored.credential!).proof[0].created).toBe(stored.signed_at!.replace(/\.\d{3}Z$/, 'Z'));
    // The issuer's first key was made by one node too.
    expect(await handles[0].selectFrom('issuer_keys').select('key_number').execute()).toEqual([{ key_number: 1 }]);
    // Later fetches on any node: the same bytes.
    for (const node of nodes) expect(await (await node.request(`/credentials/${id}`)).text()).toBe(stored.credential);
  });
});
