import { randomBytes, scrypt } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import type { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createApp } from '../src/app';
import { createBadgeEventCounter, type BadgeEventCounter } from '../src/sharing/badgeEventCounter';
import type { Db } from '../src/db/connection';
import type { AppEnv } from '../src/http/env';
import type { RateLimitSettings } from '../src/earners/rateLimit';
import { processMailQueue } from '../src/mail/worker';
import { createMailTransport, type MailTransport } from '../src/mail/transport';
import { jsonRequest, makeIssuer, PUBLIC_URL, queriesOf, testDb } from './helpers';

export { PUBLIC_URL };

/** A decoded email as a real mail server received it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  raw: string;
}

function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = [];
  const source = body.replace(/=\r?\n/g, '');
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '=' && /^[0-9A-F]{2}$/i.test(source.slice(i + 1, i + 3))) {
      bytes.push(parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(source[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeHeaderWords(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

/** Collects the text/plain and text/html parts of a MIME entity (recursing into multiparts). */
function collectParts(entity: string, into: { text: string; html: string }): Map<string, string> {
  const split = entity.search(/\r?\n\r?\n/);
  const headers = parseHeaders(entity.slice(0, split));
  const body = entity.slice(split).replace(/^\r?\n\r?\n/, '');
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      collectParts(part.replace(/^\r?\n/, ''), into);
    }
    return headers;
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const decoded = encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  if (type.toLowerCase().startsWith('text/html')) into.html += decoded;
  else if (type.toLowerCase().startsWith('text/plain')) into.text += decoded;
  return headers;
}

export function parseMail(raw: string, from: string, to: string[]): ReceivedMail {
  const parts = { text: '', html: '' };
  const headers = collectParts(raw, parts);
  return { from, to, subject: decodeHeaderWords(headers.get('subject') ?? ''), text: parts.text, html: parts.html, raw };
}

/** A real SMTP server on loopback (no TLS, no auth) that keeps what it receives. */
export async function startSmtpServer(port = 0): Promise<{ port: number; received: ReceivedMail[]; close(): Promise<void> }> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(
          parseMail(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return { port: boundPort, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A test clock that only moves when told. */
export function manualClock(start = new Date('2026-03-01T09:00:00.000Z')) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}

export interface EarnerWorld {
  db: Db;
  app: Hono<AppEnv>;
  clock: ReturnType<typeof manualClock>;
  transport: MailTransport;
  /** Badge views and shares, written in batches: flush before reading the counter tables directly. */
  badgeEvents: BadgeEventCounter;
  /** Runs the mail queue once, as the background worker would. */
  deliver(): Promise<{ sent: number; failed: number }>;
}

/** App + a fresh database (see testDb) + a controllable clock; mail goes to the given SMTP port (or the outbox). */
export async function earnerWorld(options: { smtpPort?: number; trustProxy?: number; rateLimits?: RateLimitSettings } = {}): Promise<EarnerWorld> {
  const db = await testDb();
  const clock = manualClock();
  const badgeEvents = createBadgeEventCounter(db);
  const app = createApp({
    db,
    badgeEvents,
    publicUrl: PUBLIC_URL,
    now: clock.now,
    trustProxy: options.trustProxy,
    devOutbox: options.smtpPort === undefined,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  });
  const transport = createMailTransport({ db, now: clock.now, smtpUrl: options.smtpPort ? `smtp://127.0.0.1:${options.smtpPort}` : null });
  return { db, app, clock, transport, badgeEvents, deliver: () => processMailQueue({ db, now: clock.now }, transport) };
}

/** Creates an issuer with one badge class through the API. */
export async function issuerWithBadge(world: EarnerWorld, badgeName = 'Safe Welding Practice', issuerName?: string) {
  const issuer = await makeIssuer(world.db, issuerName);
  const res = await world.app.request(
    '/api/v1/badges',
    jsonRequest('POST', { name: badgeName, description: 'Knows how to weld safely.', category: 'skill', criteria: 'Passed the practical test.' }, issuer.auth),
  );
  expect(res.status).toBe(201);
  const badgeClass = (await res.json()) as { id: string };
  return { ...issuer, badgeClassId: badgeClass.id };
}

export async function issueBadge(world: EarnerWorld, issuer: { auth: Record<string, string>; badgeClassId: string }, email: string, name: string): Promise<string> {
  const res = await world.app.request(`/api/v1/badges/${issuer.badgeClassId}/assertions`, jsonRequest('POST', { email, name }, issuer.auth));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The first link in a text that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s"'<>]+`).exec(text);
  if (!match) throw new Error(`no link starting with ${prefix} in:\n${text}`);
  return match[0];
}

/** A cookie-keeping browser over app.request(): sends Origin like a real browser, reads the form token from pages. */
export class Browser {
  readonly cookies = new Map<string, string>();
  lastHtml = '';

  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keepCookies(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }

  private pathOf(url: string): string {
    return url.startsWith(PUBLIC_URL) ? url.slice(PUBLIC_URL.length) || '/' : url;
  }

  async get(url: string): Promise<Response> {
    const res = await this.app.request(this.pathOf(url), { headers: { Cookie: this.cookieHeader(), Accept: 'text/html', ...this.extraHeaders } });
    this.keepCookies(res);
    this.lastHtml = res.headers.get('content-type')?.includes('text/html') ? await res.clone().text() : '';
    return res;
  }

  /** The CSRF token placed in the forms of the last page fetched. */
  csrf(): string {
    const match = /name="csrf" value="([^"]+)"/.exec(this.lastHtml);
    if (match) this.lastFormToken = match[1];
    if (!this.lastFormToken) throw new Error('no form token on any page seen');
    return this.lastFormToken;
  }

  private lastFormToken = '';

  /** Posts the form; a list value sends the field once per item (a multiple select). */
  async post(url: string, fields: Record<string, string | string[]>, options: { csrf?: string | null; origin?: string | null } = {}): Promise<Response> {
    const csrf = options.csrf === undefined ? this.csrf() : options.csrf;
    const body = new URLSearchParams(csrf === null || 'csrf' in fields ? {} : { csrf });
    for (const [name, value] of Object.entries(fields)) for (const item of ([] as string[]).concat(value)) body.append(name, item);
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: this.cookieHeader(), ...this.extraHeaders };
    const origin = options.origin === undefined ? PUBLIC_URL : options.origin;
    if (origin !== null) headers.Origin = origin;
    const res = await this.app.request(this.pathOf(url), { method: 'POST', body: body.toString(), headers });
    this.keepCookies(res);
    this.lastHtml = res.headers.get('content-type')?.includes('text/html') ? await res.clone().text() : '';
    return res;
  }
}

export const DEFAULT_PASSWORD = 'correct horse battery';

/** Registers through a claim link and activates from the activation email; returns the signed-in browser. */
export async function registerThroughClaim(
  world: EarnerWorld,
  mailbox: { received: ReceivedMail[] } | null,
  claimUrl: string,
  person: { firstName: string; lastName: string; email: string; password?: string },
): Promise<Browser> {
  const browser = new Browser(world.app);
  expect((await browser.get(claimUrl)).status).toBe(200);
  const password = person.password ?? DEFAULT_PASSWORD;
  const registered = await browser.post(`${claimUrl}/register`, {
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email,
    password,
    passwordConfirm: password,
    terms: 'on',
  });
  expect(registered.status).toBe(200);
  await world.deliver();
  const activation = await latestMail(world, mailbox, person.email, /Confirm your email/);
  const activationUrl = linkIn(activation.text, `${PUBLIC_URL}/activate/`);
  expect((await browser.get(activationUrl)).status).toBe(200);
  const activated = await browser.post(activationUrl, { password });
  expect(activated.status).toBe(303);
  return browser;
}

/** The newest email to `to` whose subject matches, from the SMTP server or else the outbox. */
export async function latestMail(world: EarnerWorld, mailbox: { received: ReceivedMail[] } | null, to: string, subject: RegExp): Promise<{ subject: string; text: string; html: string }> {
  const mails = mailbox
    ? mailbox.received.filter((m) => m.to.includes(to))
    : (await import('../src/db/mailQueue')).listOutbox(world.db, 1000).then((list) => list.filter((m) => m.to === to).reverse());
  const list = await mails;
  const found = [...list].reverse().find((m) => subject.test(m.subject));
  if (!found) throw new Error(`no mail to ${to} matching ${subject}; got: ${list.map((m) => m.subject).join(' | ')}`);
  return found;
}

/** A confirmed account created straight in the database (for tests that start after registration). */
export async function verifiedAccount(world: EarnerWorld, email: string, password = DEFAULT_PASSWORD, name = { firstName: 'Jane', lastName: 'Doe' }) {
  const { createAccount } = await import('../src/db/accounts');
  const { hashPassword } = await import('../src/earners/passwords');
  return createAccount(world.db, { ...name, email, passwordHash: await hashPassword(password), verified: true }, world.clock.now());
}

/** POST /api/v1/auth/token */
export async function requestToken(world: EarnerWorld, email: string, password: string, headers: Record<string, string> = {}) {
  return world.app.request('/api/v1/auth/token', jsonRequest('POST', { email, password }, headers));
}

/** Signs in through the login page; returns the browser (with its session cookie) and the response. */
export async function logIn(world: EarnerWorld, email: string, password = DEFAULT_PASSWORD, browser = new Browser(world.app)) {
  await browser.get('/login');
  const res = await browser.post('/login', { email, password });
  return { browser, res };
}

/**
 * A scrypt hash in the stored format with `p` times the usual work: checking a password against it takes
 * long enough (about a second with p = 16) that a test can act while the check is under way.
 */
export async function slowPasswordHash(password: string, p = 16): Promise<string> {
  const salt = randomBytes(16);
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, 32, { N: 16384, r: 8, p, maxmem: 64 * 1024 * 1024 }, (error, derived) => (error ? reject(error) : resolve(derived))),
  );
  return ['scrypt', 16384, 8, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** A confirmed account whose password checks are slow (see slowPasswordHash). */
export async function slowAccount(world: EarnerWorld, email: string, password = DEFAULT_PASSWORD, p = 16) {
  const { createAccount } = await import('../src/db/accounts');
  return createAccount(world.db, { firstName: 'Jane', lastName: 'Doe', email, passwordHash: await slowPasswordHash(password, p), verified: true }, world.clock.now());
}

/** How many statements run on `db` so far mention the table (quoted, as Kysely writes it). */
export function statementsOn(db: Db, table: string): number {
  return queriesOf(db).filter((statement) => statement.includes(`"${table}"`)).length;
}

/** Polls until `condition` holds; the timeout is generous because the machine may be busy. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Headers of a client at `address` (for apps with trustProxy: 1). */
export function fromAddress(address: string, headers: Record<string, string> = {}): Record<string, string> {
  return { 'X-Forwarded-For': address, ...headers };
}

type WorldOptions = NonNullable<Parameters<typeof earnerWorld>[0]>;

/** Call once at the top of a test file: makes worlds whose mail transports close after each test. */
export function worldsClosedAfterEach(defaults: () => WorldOptions = () => ({})): (options?: WorldOptions) => Promise<EarnerWorld> {
  const closers: (() => void)[] = [];
  afterEach(() => {
    for (const close of closers.splice(0)) close();
  });
  return async (options = {}) => {
    const world = await earnerWorld({ ...defaults(), ...options });
    closers.push(() => world.transport.close());
    return world;
  };
}

/**
 * Call once at the top of a test file: one SMTP server on loopback for the whole file, emptied after each
 * test, and worlds that send their mail to it.
 */
export function smtpWorlds(defaults: WorldOptions = {}) {
  let server: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    server = await startSmtpServer();
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(() => {
    server.received.length = 0;
  });
  const smtp = {
    get port() {
      return server.port;
    },
    get received() {
      return server.received;
    },
  };
  return { smtp, world: worldsClosedAfterEach(() => ({ ...defaults, smtpPort: server.port })) };
}
