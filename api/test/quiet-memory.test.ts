// Issue 16, memory: once the server has been quiet for a while, the rendered files it holds in memory go to
// disk, once per quiet spell; any request starts a new spell.
import { describe, expect, it } from 'vitest';
import { requestActivity } from '../src/http/activity';
import { quietMemoryReleaser } from '../src/http/quietMemory';
import { RenderedFiles } from '../src/http/renderedFiles';

function setUp() {
  let now = 1_000_000;
  const activity = requestActivity(200, () => now);
  const files = new RenderedFiles({ memoryBytes: 1000, diskBytes: 1000 });
  let releases = 0;
  const cache = { releaseMemory: () => (releases++, files.releaseMemory()) };
  const releaser = quietMemoryReleaser({ quietFor: activity.quietFor, caches: [cache], afterMs: 15_000 });
  let answer!: () => void;
  const handler = activity.track(() => new Promise<Response>((resolve) => (answer = () => resolve(new Response('ok')))));
  const request = async (thenWaitMs: number) => {
    const pending = handler(new Request('http://localhost/'));
    answer();
    await pending;
    now += thenWaitMs;
  };
  return { files, releaser, request, releases: () => releases, wait: (ms: number) => (now += ms) };
}

describe('releasing memory when quiet', () => {
  it('moves the files held in memory to disk after the quiet spell, and only once until the next request', async () => {
    const { files, releaser, request, releases, wait } = setUp();
    await files.get('card', async () => new Uint8Array(300));
    await request(14_999);
    await releaser.check();
    expect(releases()).toBe(0);
    expect(files.bytes).toBe(300);

    wait(1);
    await releaser.check();
    expect(releases()).toBe(1);
    expect(files.bytes).toBe(0);
    expect(files.diskBytes).toBe(300);
    wait(60_000);
    await releaser.check();
    expect(releases()).toBe(1);

    await request(5_000);
    await releaser.check();
    expect(releases()).toBe(1);
    wait(10_000);
    await releaser.check();
    expect(releases()).toBe(2);
  });

  it('never releases while a request is in flight, however long it takes', async () => {
    let now = 0;
    const activity = requestActivity(200, () => now);
    let releases = 0;
    const releaser = quietMemoryReleaser({ quietFor: activity.quietFor, caches: [{ releaseMemory: async () => void releases++ }], afterMs: 15_000 });
    let answer!: () => void;
    const pending = activity.track(() => new Promise<Response>((resolve) => (answer = () => resolve(new Response('ok')))))(new Request('http://localhost/'));
    now += 60_000;
    expect(activity.quietFor()).toBe(0);
    await releaser.check();
    expect(releases).toBe(0);
    answer();
    await pending;
    now += 15_000;
    await releaser.check();
    expect(releases).toBe(1);
  });

  it('reports a cache that fails to let go, and keeps checking', async () => {
    const errors: unknown[] = [];
    let now = 0;
    const releaser = quietMemoryReleaser({ quietFor: () => now, caches: [{ releaseMemory: async () => Promise.reject(new Error('disk full')) }], afterMs: 10, onError: (error) => errors.push(error) });
    now = 10;
    await releaser.check();
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('disk full');
    now = 0;
    await releaser.check();
    now = 10;
    await releaser.check();
    expect(errors).toHaveLength(2);
  });
});
