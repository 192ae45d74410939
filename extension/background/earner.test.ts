// @vitest-environment node
// The background's earner module against the real API listening on a loopback port (in-memory
// SQLite with the demo data), through the real fetch: sign-in, badges, accept, share kit, sign-out,
// and the failures the popup must explain.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { findAccountByPrimaryEmail, settleFailedLogin } from '../../api/src/db/accounts';
import { DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD } from '../../api/src/earners/demoAccounts';
import type { BadgesSnapshot } from '../../shared/schemas/popup';
import { startApi, type RunningApi } from '../../e2e/support/api';
import type { EarnerSession } from '../earner/storage';
import { createEarnerMessageListener, createEarnerService, handleEarnerMessage, type ValueStore } from './earner';

const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnop/';

function memoryStore<T>(initial: T): ValueStore<T> & { value: T } {
  return {
    value: initial,
    async getValue() {
      return this.value;
    },
    async setValue(value: T) {
      this.value = value;
    },
  };
}

let api: RunningApi;
let apiBaseUrl: string;
let session: ReturnType<typeof memoryStore<EarnerSession | null>>;
let snapshot: ReturnType<typeof memoryStore<BadgesSnapshot | null>>;
let now: Date;

beforeEach(async () => {
  api = await startApi();
  apiBaseUrl = api.url;
  session = memoryStore<EarnerSession | null>(null);
  snapshot = memoryStore<BadgesSnapshot | null>(null);
  now = new Date();
});

afterEach(async () => {
  await api.close();
});

function service() {
  return createEarnerService({ fetch, apiBaseUrl: async () => apiBaseUrl, session, snapshot, now: () => now, timeoutMs: 5_000 });
}

async function apiStatus(path: string, token: string): Promise<number> {
  return (await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).status;
}

describe('earner background module (real API)', () => {
  test('signs in, keeps the token for this server only, fetches and stores the badges', async () => {
    const earner = service();
    expect(await earner.signIn(` ${DEMO_EARNER_EMAIL} `, DEMO_EARNER_PASSWORD)).toEqual({ ok: true, email: DEMO_EARNER_EMAIL });
    expect(session.value).toMatchObject({ email: DEMO_EARNER_EMAIL, apiBaseUrl: api.url });
    expect(await apiStatus('/api/v1/me/badges', session.value!.token)).toBe(200);

    const reply = await earner.badges();
    if (!reply.ok) throw new Error(`expected badges, got ${reply.error}`);
    expect(reply.snapshot.email).toBe(DEMO_EARNER_EMAIL);
    expect(reply.snapshot.badges.length).toBeGreaterThan(5);
    expect(reply.snapshot.badges.filter((badge) => badge.claimState === 'pending')).toHaveLength(1);
    expect(snapshot.value).toEqual(reply.snapshot);
  });

  test('a wrong password and a locked account are told apart, with the API’s advice for the lock', async () => {
    const earner = service();
    expect(await earner.signIn(DEMO_EARNER_EMAIL, 'wrong-password')).toMatchObject({ ok: false, error: 'invalid_credentials' });
    const account = await findAccountByPrimaryEmail(api.db, DEMO_EARNER_EMAIL);
    await settleFailedLogin(api.db, account!.id, 1);
    const locked = await earner.signIn(DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD);
    expect(locked).toMatchObject({ ok: false, error: 'locked' });
    expect(locked.ok === false && locked.message).toContain('contact the organisation that issued your badges');
    expect(session.value).toBeNull();
  });

  test('accepts the pending badge on the API and in the stored snapshot', async () => {
    const earner = service();
    await earner.signIn(DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD);
    const list = await earner.badges();
    if (!list.ok) throw new Error('expected badges');
    const pending = list.snapshot.badges.find((badge) => badge.claimState === 'pending')!;
    const reply = await earner.accept(pending.id);
    expect(reply).toMatchObject({ ok: true, badge: { id: pending.id, claimState: 'accepted' } });
    expect(snapshot.value!.badges.find((badge) => badge.id === pending.id)?.claimState).toBe('accepted');
    const again = await earner.badges();
    expect(again.ok && again.snapshot.badges.find((badge) => badge.id === pending.id)?.claimState).toBe('accepted');
    expect(await earner.accept('no-such-badge')).toMatchObject({ ok: false, error: 'not_found' });
  });

  test('fetches the share kit of an own badge; another id is not found', async () => {
    const earner = service();
    await earner.signIn(DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD);
    const list = await earner.badges();
    if (!list.ok) throw new Error('expected badges');
    const badge = list.snapshot.badges.find((candidate) => candidate.claimState === 'accepted' && candidate.status === 'valid' && candidate.isPublic)!;
    const reply = await earner.shareKit(badge.id);
    if (!reply.ok) throw new Error(`expected a kit, got ${reply.error}`);
    expect(reply.kit.badgeUrl).toBe(badge.url);
    expect(reply.kit.signature.small.html).toContain(badge.imageUrl.replace(/&/g, '&amp;'));
    expect(reply.kit.downloads.bakedPng).toBe(`${badge.url}/baked.png`);
    expect(await earner.shareKit('someone-elses-badge')).toMatchObject({ ok: false, error: 'not_found' });
  });

  test('sign-out revokes the token on the API and forgets it and the badges here', async () => {
    const earner = service();
    await earner.signIn(DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD);
    await earner.badges();
    const { token } = session.value!;
    expect(await earner.signOut()).toEqual({ ok: true, revoked: true });
    expect(session.value).toBeNull();
    expect(snapshot.value).toBeNull();
    expect(await apiStatus('/api/v1/me/badges', token)).toBe(401);
    expect(await earner.badges()).toMatchObject({ ok: false, error: 'signed_out' });
  });

  test('signed out, session expired, server switched, token refused, API unreachable', async () => {
    const earner = service();
    expect(await earner.badges()).toMatchObject({ ok: false, error: 'signed_out' });

    await earner.signIn(DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD);
    api.setDown(true);
    expect(await earner.badges()).toMatchObject({ ok: false, error: 'unreachable' });
    expect(session.value).not.toBeNull();
    api.setDown(false);

    // The token dies on the server (revoked elsewhere): the session ends here too.
    await fetch(`${api.url}/api/v1/auth/token`, { method: 'DELETE', headers: { authorization: `Bearer ${session.value!.token}` } });
    expect(await earner.badges()).toMatchObject({ ok: false, error: 'session_expired' });
    expect(session.value).toBeNull();

    await earner.signIn(DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD);
    now = new Date(Date.parse(session.value!.expiresAt) + 1);
    expect(await earner.badges()).toMatchObject({ ok: false, error: 'session_expired' });
    now = new Date();

    await earner.signIn(DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD);
    apiBaseUrl = 'https://other-badges.example';
    expect(await earner.badges()).toMatchObject({ ok: false, error: 'signed_out' });
    expect(session.value).toBeNull();

    apiBaseUrl = 'http://127.0.0.1:9';
    expect(await earner.signIn(DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD)).toMatchObject({ ok: false, error: 'unreachable' });
  });

  test('messages: only the extension’s own pages are answered; a malformed message is a bad request', async () => {
    const earner = service();
    const signIn = { type: 'earner-sign-in', email: DEMO_EARNER_EMAIL, password: DEMO_EARNER_PASSWORD };
    expect(handleEarnerMessage(earner, signIn, { url: 'https://www.linkedin.com/in/someone' }, EXTENSION_ORIGIN)).toBeUndefined();
    expect(handleEarnerMessage(earner, { type: 'verify-badges', urls: [] }, { url: `${EXTENSION_ORIGIN}popup.html` }, EXTENSION_ORIGIN)).toBeUndefined();
    expect(await handleEarnerMessage(earner, { type: 'earner-accept', id: '../../x' }, { url: `${EXTENSION_ORIGIN}popup.html` }, EXTENSION_ORIGIN)).toEqual({
      ok: false,
      error: 'bad_request',
    });

    const listener = createEarnerMessageListener(earner, EXTENSION_ORIGIN);
    const reply = await new Promise((resolve) => expect(listener(signIn, { url: `${EXTENSION_ORIGIN}popup.html` }, resolve)).toBe(true));
    expect(reply).toEqual({ ok: true, email: DEMO_EARNER_EMAIL });
    expect(session.value?.token).toBeTruthy();
  });
});
