// The JSON-LD document loader of every signing and verifying call. Contexts come only from the
// bundled copies (an unknown context is an error, never a download); did:key DIDs resolve
// locally; did:web DID documents and a few named remote documents (a credential's status list, a
// foreign issuer's https key document) go through a fetch function the caller injects (the API's
// SSRF-safe fetcher), with their answers cached for a while.
import { driver as didKeyDriver } from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { bundledContext, CONTEXT_URLS } from './contexts';
import { didWebDocumentUrl } from './didWeb';

export interface RemoteDocument {
  contextUrl: string | null;
  documentUrl: string;
  document: unknown;
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** Fetches JSON from an https URL (the caller's SSRF-safe fetcher); rejects on any failure. */
export type FetchJson = (url: string) => Promise<unknown>;

export class DocumentLoaderError extends Error {}

export interface DocumentLoaderOptions {
  /** Without it, did:web DIDs and remote documents are refused. */
  fetchJson?: FetchJson;
  /** How long fetched documents are reused (default 5 minutes). */
  cacheMilliseconds?: number;
  /** How many fetched documents are kept (default 500). */
  cacheEntries?: number;
}

export interface CredentialDocumentLoader extends DocumentLoader {
  /** The same loader, also allowed to fetch exactly these (non-DID) URLs with `fetchJson`. */
  allowingRemote(urls: Iterable<string>): DocumentLoader;
}

const didKeys = didKeyDriver();
didKeys.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });

export function createDocumentLoader(options: DocumentLoaderOptions = {}): CredentialDocumentLoader {
  const cache = new ExpiringCache<unknown>(options.cacheMilliseconds ?? 5 * 60_000, options.cacheEntries ?? 500);

  const fetched = (url: string): Promise<unknown> => {
    const { fetchJson } = options;
    if (!fetchJson) return Promise.reject(new DocumentLoaderError(`"${url}" would need a download, and this loader has none`));
    return cache.get(url, () => fetchJson(url));
  };

  const load = async (url: string, remote: ReadonlySet<string>): Promise<RemoteDocument> => {
    const context = bundledContext(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    if (url.startsWith('did:key:')) {
      const document = await cache.get(url, () => didKeys.get({ url }));
      return { contextUrl: null, documentUrl: url, document };
    }
    if (url.startsWith('did:web:')) return { contextUrl: null, documentUrl: url, document: await didWebDocument(url, fetched) };
    if (remote.has(url)) return { contextUrl: null, documentUrl: url, document: structuredClone(await fetched(url)) };
    const base = url.replace(/#.*$/, '');
    if (url !== base && remote.has(base)) {
      return { contextUrl: null, documentUrl: url, document: verificationMethodIn(await fetched(base), url, base) };
    }
    throw new DocumentLoaderError(`unknown document "${url}": contexts are bundled, never downloaded`);
  };

  const none = new Set<string>();
  const loader = ((url: string) => load(url, none)) as CredentialDocumentLoader;
  loader.allowingRemote = (urls) => {
    const allowed = new Set([...urls].filter((url) => url.startsWith('https://')));
    return (url: string) => load(url, allowed);
  };
  return loader;
}

/** A did:web DID's document, or for a DID URL with a fragment the verification method it names. */
async function didWebDocument(url: string, fetched: (url: string) => Promise<unknown>): Promise<unknown> {
  const did = url.replace(/[?#].*$/, '');
  const document = await fetched(didWebDocumentUrl(did));
  if (!isObject(document) || document.id !== did) throw new DocumentLoaderError(`the DID document of ${did} names another DID`);
  return url === did ? structuredClone(document) : verificationMethodIn(document, url, did);
}

const KEY_CONTEXTS: Record<string, string> = {
  Multikey: CONTEXT_URLS.multikeyV1,
  Ed25519VerificationKey2020: CONTEXT_URLS.ed25519Signature2020,
};

/** The verification method `id` declared in a controller document, with the context its type needs. */
function verificationMethodIn(document: unknown, id: string, controller: string): object {
  if (!isObject(document)) throw new DocumentLoaderError(`the document of ${controller} is not a JSON object`);
  const candidates = ['verificationMethod', 'assertionMethod', 'publicKey'].flatMap((term) => {
    const value = document[term];
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
  });
  const method = candidates.find((candidate) => isObject(candidate) && candidate.id === id);
  if (!isObject(method)) throw new DocumentLoaderError(`${controller} declares no verification method "${id}"`);
  if (method.controller !== controller) throw new DocumentLoaderError(`verification method "${id}" belongs to another controller`);
  const context = typeof method.type === 'string' ? KEY_CONTEXTS[method.type] : undefined;
  return structuredClone({ ...(context ? { '@context': context } : {}), ...method });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Remembers promises (so concurrent loads share one fetch) for a time; failures are forgotten. */
class ExpiringCache<T> {
  readonly #entries = new Map<string, { expires: number; value: Promise<T> }>();

  constructor(
    private readonly lifetime: number,
    private readonly capacity: number,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const entry = this.#entries.get(key);
    if (entry && entry.expires > now) return entry.value;
    if (this.#entries.size >= this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    const value = load();
    this.#entries.set(key, { expires: now + this.lifetime, value });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    return value;
  }
}
