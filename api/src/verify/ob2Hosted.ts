// Open Badges 2.0 hosted verification (https://www.imsglobal.org/spec/ob/v2p0/#HostedBadge): the
// assertion is what its issuer hosts at its id. Steps: the assertion's `id` is the URL it was
// fetched from (after redirects); its BadgeClass and the BadgeClass's Issuer are fetched (or read
// where embedded); the issuer's verification policy allows where they live (`allowedOrigins`,
// default: the issuer id's host; `startsWith`); the recipient hash parses; not revoked (the
// assertion says `revoked`, or the issuer's `revocationList` lists it); not expired.
import type { VerifiedBadge } from '../../../shared/schemas/verify';
import type { ItemContext } from './context';
import { BADGE_JSON_TYPES, type Answer } from './fetching';
import { asArray, clippedText, httpUrlOf, isObject, isoDateOf, linkedUrlOf, sameUrl, stringOf, TEXT_LIMITS, typesOf, type JsonObject } from './json';
import { invalid, notFound, sourceOf, unverifiable, type Verdict } from './outcome';

const RECIPIENT_HASH = /^(sha256\$[0-9a-f]{64}|md5\$[0-9a-f]{32})$/i;
/** The Recipient Profile extension (https://openbadgespec.org/extensions/recipientProfile/): the recipient's name, when the issuer publishes it. */
const RECIPIENT_PROFILE_KEYS = ['extensions:recipientProfile', 'recipientProfile'];

export type JsonAnswer = Extract<Answer, { kind: 'json' }>;
type Missing = Extract<Answer, { kind: 'missing' }>;

/** Whether a document is an Open Badges 2.0 (or revoked) Assertion. */
export function isOb2Assertion(json: unknown): json is JsonObject {
  return isObject(json) && (typesOf(json).includes('Assertion') || (json.recipient !== undefined && json.badge !== undefined));
}

/** A 404 or 410: revoked when the answer says so (OB 2.0: 410 with `revoked: true`), else not found. */
export function missingVerdict(answer: Missing, ctx: ItemContext): Verdict {
  const source = sourceOf(ctx.platformOf(answer.url), 'ob2-hosted', answer.url);
  if (isObject(answer.json) && answer.json.revoked === true) return revokedVerdict(answer.json, source);
  return notFound(source);
}

function revokedVerdict(json: JsonObject, source: Verdict['source']): Verdict {
  const reason = clippedText(json.revocationReason, TEXT_LIMITS.reason);
  return { status: 'revoked', source, ...(reason ? { reason } : {}) };
}

/** A linked object (BadgeClass, Issuer): fetched by its URL, or embedded. `from` is where its data came from. */
type Linked = { ok: true; document: JsonObject; from: string } | { ok: false; verdict: Verdict };

async function linked(value: unknown, what: string, container: string, ctx: ItemContext, source: Verdict['source']): Promise<Linked> {
  if (isObject(value)) return { ok: true, document: value, from: container };
  const url = httpUrlOf(value);
  if (!url) return { ok: false, verdict: invalid(`its ${what} is neither a URL nor an object`, source) };
  const answer = await ctx.fetchDocument(url, BADGE_JSON_TYPES);
  switch (answer.kind) {
    case 'json':
      if (!isObject(answer.json)) return { ok: false, verdict: invalid(`its ${what} is not a JSON object`, source) };
      if (!sameUrl(String(answer.json.id), answer.url) && !sameUrl(String(answer.json.id), url)) {
        return { ok: false, verdict: invalid(`its ${what}'s id is not the URL it was fetched from`, source) };
      }
      return { ok: true, document: answer.json, from: answer.url };
    case 'missing':
      return { ok: false, verdict: invalid(`its ${what} is not found at ${new URL(url).host}`, source) };
    case 'html':
      return { ok: false, verdict: unverifiable(`its ${what} is a web page, not a badge document`, source) };
    case 'failed':
      return { ok: false, verdict: unverifiable(`its ${what} could not be read: ${answer.reason}`, source) };
  }
}

function hostOf(url: string): string {
  return new URL(url).host;
}

/** The issuer's verification policy: the hosts assertions may live on, and URL prefixes they must start with. */
function policyOf(issuer: JsonObject, issuerUrl: string): { allowedOrigins: string[]; startsWith: string[] } {
  const policy = isObject(issuer.verification) ? issuer.verification : {};
  const allowed = asArray(policy.allowedOrigins).filter((origin): origin is string => typeof origin === 'string');
  const startsWith = asArray(policy.startsWith).filter((prefix): prefix is string => typeof prefix === 'string');
  return { allowedOrigins: (allowed.length > 0 ? allowed : [hostOf(issuerUrl)]).map((origin) => origin.toLowerCase()), startsWith };
}

/** Whether the issuer's revocation list names this assertion; a verdict when the list cannot be read. */
async function revocationListEntry(
  issuer: JsonObject,
  assertion: JsonObject,
  ctx: ItemContext,
  source: Verdict['source'],
): Promise<{ revoked: boolean; reason: string | null } | Verdict> {
  const listUrl = linkedUrlOf(issuer.revocationList);
  if (!listUrl) return { revoked: false, reason: null };
  const answer = await ctx.fetchDocument(listUrl, BADGE_JSON_TYPES);
  if (answer.kind !== 'json' || !isObject(answer.json)) {
    return unverifiable(`the issuer's revocation list could not be read${answer.kind === 'failed' ? `: ${answer.reason}` : ''}`, source);
  }
  const id = String(assertion.id);
  const uid = stringOf(assertion.uid);
  for (const entry of asArray(answer.json.revokedAssertions)) {
    const entryId = isObject(entry) ? stringOf(entry.id) : stringOf(entry);
    const entryUid = isObject(entry) ? stringOf(entry.uid) : null;
    if ((entryId !== null && (sameUrl(entryId, id) || (uid !== null && entryId === uid))) || (uid !== null && entryUid === uid)) {
      return { revoked: true, reason: isObject(entry) ? clippedText(entry.revocationReason, TEXT_LIMITS.reason) : null };
    }
  }
  return { revoked: false, reason: null };
}

function recipientNameOf(assertion: JsonObject): string | null {
  for (const key of RECIPIENT_PROFILE_KEYS) {
    const profile = assertion[key];
    if (isObject(profile) && typeof profile.name === 'string' && profile.name.trim()) return profile.name.trim().slice(0, 200);
  }
  return null;
}

/** Where an inline copy of an assertion departs from the hosted one, or null when it does not. */
function departure(given: JsonObject, hosted: JsonObject, badgeClass: JsonObject): string | null {
  const givenRecipient = isObject(given.recipient) ? given.recipient.identity : undefined;
  const hostedRecipient = isObject(hosted.recipient) ? hosted.recipient.identity : undefined;
  if (givenRecipient !== hostedRecipient) return 'recipient';
  if (isoDateOf(given.issuedOn) !== isoDateOf(hosted.issuedOn)) return 'issue date';
  if (isoDateOf(given.expires) !== isoDateOf(hosted.expires)) return 'expiry date';
  if (isObject(given.badge)) return given.badge.name === badgeClass.name ? null : 'badge name';
  const hostedBadgeId = typeof hosted.badge === 'string' ? hosted.badge : String(badgeClass.id);
  return typeof given.badge === 'string' && sameUrl(given.badge, hostedBadgeId) ? null : 'badge';
}

/**
 * Verifies a hosted assertion fetched from `answer.requestedUrl` (finally `answer.url`). `given` is
 * the copy someone handed in (an inline assertion object): it must say what the hosted one says.
 */
export async function verifyHostedAssertion(answer: JsonAnswer, ctx: ItemContext, given?: JsonObject): Promise<Verdict> {
  const source = sourceOf(ctx.platformOf(answer.url), 'ob2-hosted', answer.url);
  const assertion = answer.json;
  if (!isOb2Assertion(assertion)) return { status: 'unsupported' };
  if (assertion.revoked === true) return revokedVerdict(assertion, source);
  const id = httpUrlOf(assertion.id) ?? stringOf(assertion.id);
  if (id === null) return invalid('the assertion has no id', source);
  if (!sameUrl(id, answer.url) && !sameUrl(id, answer.requestedUrl)) return invalid('its id is not the URL it was fetched from', source);

  const verification = isObject(assertion.verification) ? assertion.verification : isObject(assertion.verify) ? assertion.verify : {};
  const verificationType = stringOf(verification.type)?.toLowerCase() ?? 'hosted';
  if (verificationType !== 'hosted' && verificationType !== 'hostedbadge') return { status: 'unsupported' };

  const recipient = isObject(assertion.recipient) ? assertion.recipient : null;
  if (!recipient || typeof recipient.identity !== 'string') return invalid('its recipient is missing', source);
  const hashed = recipient.hashed === true || recipient.hashed === 'true';
  if (hashed && !RECIPIENT_HASH.test(recipient.identity)) return invalid('its recipient hash does not parse', source);
  const issuedOn = isoDateOf(assertion.issuedOn);
  if (!issuedOn) return invalid('its issue date is not a date', source);
  const expires = assertion.expires === undefined || assertion.expires === null ? null : isoDateOf(assertion.expires);
  if (assertion.expires !== undefined && assertion.expires !== null && !expires) return invalid('its expiry date is not a date', source);

  const badgeClass = await linked(assertion.badge, 'badge class', answer.url, ctx, source);
  if (!badgeClass.ok) return badgeClass.verdict;
  const issuer = await linked(badgeClass.document.issuer, 'issuer', badgeClass.from, ctx, source);
  if (!issuer.ok) return issuer.verdict;
  const issuerId = httpUrlOf(issuer.document.id) ?? issuer.from;

  const { allowedOrigins, startsWith } = policyOf(issuer.document, issuerId);
  if (!allowedOrigins.includes(hostOf(id).toLowerCase())) return invalid(`its issuer does not allow assertions on ${hostOf(id)}`, source);
  if (startsWith.length > 0 && !startsWith.some((prefix) => id.startsWith(prefix))) return invalid("its id is outside its issuer's allowed addresses", source);
  const badgeClassHost = hostOf(httpUrlOf(badgeClass.document.id) ?? badgeClass.from).toLowerCase();
  if (!allowedOrigins.includes(badgeClassHost) && badgeClassHost !== hostOf(issuerId).toLowerCase()) {
    return invalid(`its issuer does not allow badge classes on ${badgeClassHost}`, source);
  }
  if (typeof badgeClass.document.name !== 'string' || !badgeClass.document.name.trim()) return invalid('its badge class has no name', source);
  if (given) {
    const differs = departure(given, assertion, badgeClass.document);
    if (differs) return invalid(`the assertion given differs from the one its issuer hosts (${differs})`, source);
  }

  const revocation = await revocationListEntry(issuer.document, assertion, ctx, source);
  if ('status' in revocation) return revocation;

  const badge: VerifiedBadge = {
    assertionId: id,
    pageUrl: id,
    name: clippedText(badgeClass.document.name, TEXT_LIMITS.name)!,
    description: clippedText(badgeClass.document.description, TEXT_LIMITS.description) ?? '',
    category: null,
    imageUrl: linkedUrlOf(assertion.image) ?? linkedUrlOf(badgeClass.document.image),
    issuer: {
      id: issuerId,
      name: clippedText(issuer.document.name, TEXT_LIMITS.name) ?? '',
      url: httpUrlOf(issuer.document.url),
      imageUrl: linkedUrlOf(issuer.document.image),
      domain: hostOf(issuer.from),
    },
    recipientName: recipientNameOf(assertion),
    issuedOn,
    expires,
    revocationReason: revocation.revoked ? revocation.reason : null,
  };
  const status = revocation.revoked ? 'revoked' : expires !== null && Date.parse(expires) <= ctx.now.getTime() ? 'expired' : 'valid';
  return { status, badge, source, maxAgeMs: answer.maxAgeMs };
}

/**
 * An Open Badges 2.0 assertion object handed in (from a baked image, a backpack export): hosted
 * verification of the assertion at its id, which must say what the object says.
 */
export async function verifyAssertionObject(given: JsonObject, ctx: ItemContext, fetchItem: (url: string) => Promise<Answer>): Promise<Verdict> {
  const id = httpUrlOf(given.id);
  if (!id) return invalid('the assertion has no URL id to verify it at');
  const answer = await fetchItem(id);
  switch (answer.kind) {
    case 'json':
      return verifyHostedAssertion(answer, ctx, given);
    case 'missing':
      return missingVerdict(answer, ctx);
    case 'html':
      return unverifiable(`${new URL(answer.url).host} answered a web page, not the assertion`, sourceOf(ctx.platformOf(answer.url), 'ob2-hosted', answer.url));
    case 'failed':
      return unverifiable(answer.reason, sourceOf(ctx.platformOf(answer.url), 'ob2-hosted', answer.url));
  }
}
