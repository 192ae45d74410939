// Answers for www.linkedin.com (through Chromium's host resolver rules) with the hand-made
// fixtures, their badge placeholders filled with real badge URLs at serve time.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FIXTURES, loadFixture, type BadgeUrls, type FixtureName } from '../../extension/test/linkedin-fixtures';
import { issueFixtureBadges, startApi, type RunningApi } from './api';

// Close to LinkedIn's own: images only from itself, data: and its CDN; no third-party script.
const CSP = [
  "default-src 'self'",
  "img-src 'self' data: blob: https://media.licdn.com https://static.licdn.com",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
].join('; ');

export interface FixtureServer {
  port: number;
  /** Which layout answers for the first profile's paths. */
  useLayout(name: Exclude<FixtureName, 'second-profile' | 'foreign-profile'>): void;
  close(): Promise<void>;
}

export async function startFixtureServer(urls: BadgeUrls): Promise<FixtureServer> {
  let layout: Exclude<FixtureName, 'second-profile' | 'foreign-profile'> = 'member-profile';
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://www.linkedin.com').pathname;
    const name = fixtureFor(path, layout);
    if (!name) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not a fixture');
      return;
    }
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP, 'cache-control': 'no-store' })
      .end(loadFixture(name, urls));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    useLayout(name) {
      layout = name;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function fixtureFor(path: string, layout: Exclude<FixtureName, 'second-profile' | 'foreign-profile'>): FixtureName | null {
  const normalized = path.endsWith('/') ? path : `${path}/`;
  if (normalized === FIXTURES['second-profile']) return 'second-profile';
  if (normalized === FIXTURES['foreign-profile']) return 'foreign-profile';
  if (normalized === FIXTURES['details-certifications']) return 'details-certifications';
  if (normalized === FIXTURES[layout]) return layout;
  return null;
}

export interface LinkedInWithBadges {
  api: RunningApi;
  /** The fixture badges' URLs, as the fixture pages show them (a test may point one elsewhere). */
  urls: BadgeUrls;
  linkedin: FixtureServer;
  close(): Promise<void>;
}

/** The real API with the fixture badges issued, and the LinkedIn fixture pages showing them. */
export async function startLinkedInWithBadges(): Promise<LinkedInWithBadges> {
  const api = await startApi();
  const urls = await issueFixtureBadges(api, api.issuerApiKey);
  const linkedin = await startFixtureServer(urls);
  return {
    api,
    urls,
    linkedin,
    async close() {
      await linkedin.close();
      await api.close();
    },
  };
}
