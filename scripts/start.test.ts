// `npm start`, twice on the same database file: the first start loads the demo data, the restart
// keeps it, and both say how to sign in and where the demo's issuers and badges are.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'badgelens-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Runs `npm start -- --no-extension` until the API answers /health, calls `whileRunning` with what it
 * printed so far, then stops it; returns everything it printed.
 */
async function startOnce(env: Record<string, string>, whileRunning: (output: string) => Promise<void> = async () => {}): Promise<string> {
  // Its own process group, so that stopping it also stops the API server it runs.
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-extension'], { env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const healthy = await fetch(`http://127.0.0.1:${env.PORT}/health`).then((response) => response.ok, () => false);
      if (healthy) {
        await whileRunning(output);
        break;
      }
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`the API did not answer within 90 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
  return output;
}

describe('npm start', () => {
  it('prints the demo logins and URLs on the first start and again on a restart with the same database', async () => {
    const port = String(await freePort());
    const publicUrl = 'https://start.demo.test';
    const env = { PORT: port, PUBLIC_URL: publicUrl, DATABASE_PATH: join(dir, 'badgelens.db'), RATE_LIMITS: 'on' };
    const demoLogin = `Demo earner sign-in: ${publicUrl}/login  demo@badgelens.example / badgelens-demo`;
    const issuerUrls = (output: string) => [...output.matchAll(/https:\/\/start\.demo\.test\/issuers\/[\w-]+/g)].map((match) => match[0]).sort();
    const examples = (output: string) =>
      Object.fromEntries([...output.matchAll(/^\s+(valid|expired|revoked)\s+(https:\/\/start\.demo\.test\/assertions\/[\w-]+)$/gm)].map((match) => [match[1], match[2]]));

    const first = await startOnce(env);
    expect(first).toContain('Loaded the demo data: 3 issuers');
    expect(first).toContain(demoLogin);
    expect(first).toContain(`API and badge pages   ${publicUrl}/`);
    expect(issuerUrls(first)).toHaveLength(3);
    expect(Object.keys(examples(first)).sort()).toEqual(['expired', 'revoked', 'valid']);

    // The badges to try are real ones of the database, shown by the running API with that status.
    const checkExamples = async (output: string) => {
      const found = examples(output);
      expect(Object.keys(found).sort()).toEqual(['expired', 'revoked', 'valid']);
      for (const [status, url] of Object.entries(found)) {
        const response = await fetch(url.replace(publicUrl, `http://127.0.0.1:${port}`), { headers: { accept: 'application/ld+json' } });
        const body = (await response.json()) as { revoked?: boolean; expires?: string };
        if (status === 'revoked') expect(response.status).toBe(410);
        else expect(response.status).toBe(200);
        if (status === 'expired') expect(Date.parse(body.expires ?? '')).toBeLessThan(Date.now());
        if (status === 'valid') expect(body.expires === undefined || Date.parse(body.expires) > Date.now()).toBe(true);
      }
    };
    const restart = await startOnce(env, checkExamples);
    expect(restart).not.toContain('Loaded the demo data');
    expect(restart).toContain('Database already has data');
    expect(restart).toContain(demoLogin);
    expect(issuerUrls(restart)).toEqual(issuerUrls(first));
    expect(restart).toMatch(/npm run --silent admin -- create-key --issuer [\w-]+/);
  }, 240_000);
});
