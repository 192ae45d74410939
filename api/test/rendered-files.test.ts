// Issue 16: the Open Graph card and the PDF certificate are rendered once per version of the badge and
// served from memory with an ETag; a client holding the bytes gets a 304 that renders nothing; an edit
// gives new bytes and a new ETag, a revocation takes the file away.
import { describe, expect, it } from 'vitest';
import { revokeAssertion } from '../src/db/assertions';
import { updateBadgeClass } from '../src/db/badgeClasses';
import { ifNoneMatch, RenderedFiles } from '../src/http/renderedFiles';
import { ogCards } from '../src/openbadges/og';
import { certificates } from '../src/sharing/certificateRoutes';
import { issueTestBadge, makeIssuer, sharingTestApp } from './share-fixtures';

const FILES = [
  { name: 'the Open Graph card', path: (id: string) => `/assertions/${id}/og.png`, files: ogCards, type: 'image/png' },
  { name: 'the PDF certificate', path: (id: string) => `/assertions/${id}/certificate.pdf`, files: certificates, type: 'application/pdf' },
];

describe.each(FILES)('$name', ({ path, files, type }) => {
  it('is rendered once: the same bytes and ETag again, 304 for a client holding them, new ones after an edit, none once revoked', async () => {
    const { db, app } = await sharingTestApp();
    const { issuer } = await makeIssuer(db);
    const record = await issueTestBadge(db, issuer.id, { offersCertificate: true });
    const url = path(record.assertion.id);

    const rendersBefore = files.renders;
    const first = await app.request(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe(type);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(files.renders).toBe(rendersBefore + 1);

    const again = await app.request(url);
    expect(again.headers.get('etag')).toBe(etag);
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
    const notModified = await app.request(url, { headers: { 'If-None-Match': `"other", W/${etag}` } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(await notModified.text()).toBe('');
    expect(files.renders).toBe(rendersBefore + 1);

    await updateBadgeClass(db, issuer.id, record.badgeClass.id, { name: 'Underwater Welding Level 3' }, new Date(Date.parse(record.badgeClass.updatedAt) + 1000));
    const edited = await app.request(url, { headers: { 'If-None-Match': etag } });
    expect(edited.status).toBe(200);
    expect(edited.headers.get('etag')).not.toBe(etag);
    expect(Buffer.from(await edited.arrayBuffer()).equals(bytes)).toBe(false);
    expect(files.renders).toBe(rendersBefore + 2);

    await revokeAssertion(db, record.assertion.id, 'Issued in error');
    const revoked = await app.request(url, { headers: { 'If-None-Match': etag } });
    expect(revoked.status).toBe(410);
    expect(revoked.headers.get('etag')).toBeNull();
  });
});

describe('RenderedFiles', () => {
  it('renders concurrent requests for one key once, and drops the least recently used past its byte budget', async () => {
    const files = new RenderedFiles({ memoryBytes: 250 });
    const render = (size: number) => async () => new Uint8Array(size);
    const [a, b] = await Promise.all([files.get('a', render(100)), files.get('a', render(100))]);
    expect(a).toBe(b);
    expect(files.renders).toBe(1);
    await files.get('b', render(100));
    await files.get('a', render(100)); // a is now the most recently used
    await files.get('c', render(100)); // over 250 bytes: b goes
    expect(files.bytes).toBe(200);
    await files.get('a', render(100));
    expect(files.renders).toBe(3);
    await files.get('b', render(100));
    expect(files.renders).toBe(4);
  });

  it('forgets a failed render, so the next request tries again', async () => {
    const files = new RenderedFiles({ memoryBytes: 1000 });
    await expect(files.get('x', async () => Promise.reject(new Error('font missing')))).rejects.toThrow('font missing');
    expect((await files.get('x', async () => new Uint8Array(3))).bytes.byteLength).toBe(3);
    expect(files.renders).toBe(2);
  });
});

describe('RenderedFiles with a disk budget', () => {
  it('keeps files pushed out of memory on disk and serves them again without rendering, with the same ETag', async () => {
    const files = new RenderedFiles({ memoryBytes: 250, diskBytes: 250 });
    const render = (fill: number) => async () => new Uint8Array(100).fill(fill);
    const a = await files.get('a', render(1));
    await files.get('b', render(2));
    await files.get('c', render(3)); // over 250 bytes in memory: a goes to disk
    await expect.poll(() => files.diskBytes).toBe(100);
    expect(files.bytes).toBe(200);
    const again = await files.get('a', render(9));
    expect(files.renders).toBe(3);
    expect(again.etag).toBe(a.etag);
    expect([...again.bytes]).toEqual([...a.bytes]);
    // Past the disk budget too, the least recently used is forgotten: rendered again when asked for.
    for (const key of ['d', 'e', 'f', 'g']) await files.get(key, render(4));
    await expect.poll(() => files.diskBytes).toBeLessThanOrEqual(250);
    const rendersBefore = files.renders;
    await files.get('b', render(2));
    expect(files.renders).toBe(rendersBefore + 1);
  });

  it('reads a file back from disk without removing it there, so pushing it out of memory again writes nothing', async () => {
    const files = new RenderedFiles({ memoryBytes: 250, diskBytes: 1000 });
    const keys = [['a', 1], ['b', 2], ['c', 3], ['d', 4]] as const;
    const get = async (key: string, fill: number) => [...(await files.get(key, async () => new Uint8Array(100).fill(fill))).bytes][0];
    // Room for two in memory: after the first pass a and b are on disk; after the second, all four.
    for (const [key, fill] of keys) await get(key, fill);
    await expect.poll(() => files.diskBytes).toBe(200);
    for (const [index, [key, fill]] of keys.entries()) {
      expect(await get(key, fill)).toBe(fill);
      await expect.poll(() => files.diskBytes).toBe(Math.min(400, 300 + 100 * index));
    }
    const writes = files.diskWrites;
    expect(writes).toBe(4);
    // Round after round, each miss reads its file back and none is written again.
    for (let round = 0; round < 3; round++) {
      for (const [key, fill] of keys) expect(await get(key, fill)).toBe(fill);
    }
    expect(files.diskWrites).toBe(writes);
    expect(files.diskBytes).toBe(400);
    expect(files.renders).toBe(4);
  });
});

describe('RenderedFiles.releaseMemory', () => {
  it('moves every file held in memory to disk, from where it is served again without rendering', async () => {
    const files = new RenderedFiles({ memoryBytes: 1000, diskBytes: 1000 });
    const first = await files.get('a', async () => new Uint8Array(100).fill(1));
    await files.get('b', async () => new Uint8Array(100).fill(2));
    expect(files.bytes).toBe(200);

    await files.releaseMemory();
    expect(files.bytes).toBe(0);
    expect(files.diskBytes).toBe(200);
    const again = await files.get('a', async () => new Uint8Array(100).fill(9));
    expect([...again.bytes]).toEqual([...first.bytes]);
    expect(again.etag).toBe(first.etag);
    expect(files.renders).toBe(2);
  });

  it('forgets files without room on disk, and leaves a file still rendering in place', async () => {
    const files = new RenderedFiles({ memoryBytes: 1000 });
    await files.get('a', async () => new Uint8Array(100));
    let finish!: (bytes: Uint8Array) => void;
    const rendering = files.get('slow', () => new Promise<Uint8Array>((resolve) => (finish = resolve)));

    await files.releaseMemory();
    expect(files.bytes).toBe(0);
    expect(files.diskBytes).toBe(0);
    finish(new Uint8Array(50));
    await rendering;
    expect(files.bytes).toBe(50);
    await files.get('slow', async () => new Uint8Array(1));
    await files.get('a', async () => new Uint8Array(100));
    expect(files.renders).toBe(3);
  });
});

describe('ifNoneMatch', () => {
  it.each([
    ['"abc"', '"abc"', true],
    ['W/"abc"', '"abc"', true],
    ['"x", "abc"', '"abc"', true],
    ['*', '"abc"', true],
    ['"abcd"', '"abc"', false],
    [undefined, '"abc"', false],
  ])('%s against %s: %s', (header, etag, expected) => expect(ifNoneMatch(header, etag)).toBe(expected));
});
