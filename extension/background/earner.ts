// The background's earner module: signs the earner in and out, fetches their badges, accepts a
// pending one and fetches a badge's share kit. The token never leaves extension storage and this
// module; every API answer is checked against the shared schemas before anything uses it.
import { z } from 'zod';
import { authTokenResponseSchema, meBadgeSchema, meBadgesResponseSchema, type MeBadge } from '../../shared/schemas/earners';
import {
  earnerMessageSchema,
  EARNER_MESSAGE_TYPES,
  type AcceptReply,
  type BadgesReply,
  type BadgesSnapshot,
  type EarnerFailure,
  type EarnerFailureReply,
  type ShareKitReply,
  type SignInReply,
  type SignOutReply,
} from '../../shared/schemas/popup';
import { shareResponseSchema } from '../../shared/schemas/sharing';
import { apiOrigin } from '../common/settings';
import type { EarnerSession } from '../earner/storage';

export interface ValueStore<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

export interface EarnerServiceOptions {
  fetch: typeof fetch;
  apiBaseUrl: () => Promise<string>;
  session: ValueStore<EarnerSession | null>;
  snapshot: ValueStore<BadgesSnapshot | null>;
  now?: () => Date;
  timeoutMs?: number;
}

const apiErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

class EarnerError extends Error {
  constructor(
    readonly failure: EarnerFailure,
    readonly apiMessage?: string,
  ) {
    super(failure);
  }
}

function failure(error: unknown): EarnerFailureReply {
  if (!(error instanceof EarnerError)) return { ok: false, error: 'unreachable' };
  return { ok: false, error: error.failure, ...(error.apiMessage ? { message: error.apiMessage.slice(0, 500) } : {}) };
}

async function apiMessageOf(response: Response): Promise<string | undefined> {
  const parsed = apiErrorBodySchema.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? parsed.data.error.message : undefined;
}

export function createEarnerService(options: EarnerServiceOptions) {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call(base: string, path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
    const { token, ...rest } = init;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (rest.body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await options.fetch(new URL(path, base), { ...rest, headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch {
      throw new EarnerError('unreachable');
    }
  }

  async function readJson<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new EarnerError('bad_response');
    return parsed.data;
  }

  /** The session for the configured server; a session of another server (the user switched) is dropped. */
  async function currentSession(): Promise<EarnerSession> {
    const session = await options.session.getValue();
    if (!session) throw new EarnerError('signed_out');
    if (session.apiBaseUrl !== apiOrigin(await options.apiBaseUrl())) {
      await forget();
      throw new EarnerError('signed_out');
    }
    if (Date.parse(session.expiresAt) <= now().getTime()) {
      await forget();
      throw new EarnerError('session_expired');
    }
    return session;
  }

  async function forget(): Promise<void> {
    await options.session.setValue(null);
    await options.snapshot.setValue(null);
  }

  /** Calls an earner route with the token; a refused token ends the session here too. */
  async function authorised(path: string, init: RequestInit = {}): Promise<{ response: Response; session: EarnerSession }> {
    const session = await currentSession();
    const response = await call(session.apiBaseUrl, path, { ...init, token: session.token });
    if (response.status === 401) {
      await forget();
      throw new EarnerError('session_expired');
    }
    if (response.status === 429 || response.status >= 500) throw new EarnerError('unreachable', await apiMessageOf(response));
    return { response, session };
  }

  async function saveSnapshot(session: EarnerSession, badges: MeBadge[]): Promise<BadgesSnapshot> {
    const snapshot: BadgesSnapshot = { apiBaseUrl: session.apiBaseUrl, email: session.email, fetchedAt: now().toISOString(), badges };
    await options.snapshot.setValue(snapshot);
    return snapshot;
  }

  return {
    async signIn(email: string, password: string): Promise<SignInReply> {
      try {
        const base = apiOrigin(await options.apiBaseUrl());
        if (!base) throw new EarnerError('bad_request', 'The BadgeLens server address in the options is not valid.');
        const response = await call(base, '/api/v1/auth/token', { method: 'POST', body: JSON.stringify({ email, password }) });
        if (response.status === 201 || response.status === 200) {
          const { token, expiresAt } = await readJson(response, authTokenResponseSchema);
          await options.snapshot.setValue(null);
          await options.session.setValue({ token, expiresAt, email: email.trim(), apiBaseUrl: base });
          return { ok: true, email: email.trim() };
        }
        const message = await apiMessageOf(response);
        if (response.status === 401) throw new EarnerError('invalid_credentials', message);
        if (response.status === 423) throw new EarnerError('locked', message);
        if (response.status === 403) throw new EarnerError('unconfirmed', message);
        if (response.status === 429) throw new EarnerError('rate_limited', message);
        if (response.status === 400) throw new EarnerError('bad_request', message);
        throw new EarnerError('unreachable', message);
      } catch (error) {
        return failure(error);
      }
    },

    /** Forgets the token here in any case, and revokes it on the API when it can be reached. */
    async signOut(): Promise<SignOutReply> {
      const session = await options.session.getValue();
      await forget();
      if (!session) return { ok: true, revoked: true };
      try {
        const response = await call(session.apiBaseUrl, '/api/v1/auth/token', { method: 'DELETE', token: session.token });
        // 401: the token was already unknown or expired on the server, so it is revoked as well.
        return { ok: true, revoked: response.status === 204 || response.status === 200 || response.status === 401 };
      } catch {
        return { ok: true, revoked: false };
      }
    },

    async badges(): Promise<BadgesReply> {
      try {
        const { response, session } = await authorised('/api/v1/me/badges');
        if (!response.ok) throw new EarnerError('bad_response', await apiMessageOf(response));
        const { items } = await readJson(response, meBadgesResponseSchema);
        return { ok: true, snapshot: await saveSnapshot(session, items) };
      } catch (error) {
        return failure(error);
      }
    },

    async accept(id: string): Promise<AcceptReply> {
      try {
        const { response, session } = await authorised(`/api/v1/me/badges/${encodeURIComponent(id)}`, {
          method: 'PATCH',
          body: JSON.stringify({ claimState: 'accepted' }),
        });
        if (response.status === 404) throw new EarnerError('not_found', await apiMessageOf(response));
        if (!response.ok) throw new EarnerError('bad_response', await apiMessageOf(response));
        const badge = await readJson(response, meBadgeSchema);
        const snapshot = await options.snapshot.getValue();
        if (snapshot) await saveSnapshot(session, snapshot.badges.map((known) => (known.id === badge.id ? badge : known)));
        return { ok: true, badge };
      } catch (error) {
        return failure(error);
      }
    },

    async shareKit(id: string): Promise<ShareKitReply> {
      try {
        const { response } = await authorised(`/api/v1/assertions/${encodeURIComponent(id)}/share`);
        const message = response.ok ? undefined : await apiMessageOf(response);
        if (response.status === 404) throw new EarnerError('not_found', message);
        if (response.status === 410) throw new EarnerError('revoked', message);
        if (response.status === 409) throw new EarnerError('private', message);
        if (!response.ok) throw new EarnerError('bad_response', message);
        return { ok: true, kit: await readJson(response, shareResponseSchema) };
      } catch (error) {
        return failure(error);
      }
    },
  };
}

export type EarnerService = ReturnType<typeof createEarnerService>;

type Reply = SignInReply | SignOutReply | BadgesReply | AcceptReply | ShareKitReply;

interface Sender {
  url?: string;
}

/**
 * Answers the earner messages of the extension's own pages. A content script (its sender URL is
 * a web page) gets no answer: no page can ask for the earner's badges or token.
 */
export function handleEarnerMessage(service: EarnerService, message: unknown, sender: Sender, extensionOrigin: string): Promise<Reply> | undefined {
  const type = (message as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !(EARNER_MESSAGE_TYPES as string[]).includes(type)) return undefined;
  if (sender.url !== undefined && !sender.url.startsWith(extensionOrigin)) return undefined;
  const parsed = earnerMessageSchema.safeParse(message);
  if (!parsed.success) return Promise.resolve({ ok: false, error: 'bad_request' });
  const request = parsed.data;
  switch (request.type) {
    case 'earner-sign-in':
      return service.signIn(request.email, request.password);
    case 'earner-sign-out':
      return service.signOut();
    case 'earner-badges':
      return service.badges();
    case 'earner-accept':
      return service.accept(request.id);
    case 'earner-share-kit':
      return service.shareKit(request.id);
  }
}

/** A runtime.onMessage listener for Chrome (sendResponse) and Firefox / the fake browser (promise). */
export function createEarnerMessageListener(service: EarnerService, extensionOrigin: string) {
  return (message: unknown, sender: Sender, sendResponse?: (reply: Reply) => void): true | Promise<Reply> | undefined => {
    const reply = handleEarnerMessage(service, message, sender ?? {}, extensionOrigin);
    if (!reply) return undefined;
    if (typeof sendResponse === 'function') {
      void reply.then(sendResponse);
      return true;
    }
    return reply;
  };
}
