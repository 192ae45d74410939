import { Hono } from 'hono';
import type { SkillVocabulary } from '../../../shared/schemas/skills';
import { listIssuers } from '../db/issuers';
import { getSkillSynonyms, setSkillSynonyms, skillVocabulary } from '../db/skills';
import { rateLimit, RATE_LIMITS } from '../earners/rateLimit';
import type { AppEnv } from '../http/env';
import { documented } from '../http/documentedValidation';
import { issuerAuth } from '../http/issuerAuth';
import { requireJson } from '../http/jsonInput';
import { sha256Hex } from '../lib/crypto';
import { publicUrls } from '../lib/urls';

/** Clients refresh daily and ask again with If-None-Match; an hour of caching spares the server meanwhile. */
const VOCABULARY_CACHE_CONTROL = 'public, max-age=3600';

/** True when an If-None-Match header names this entity tag (weak or strong, or `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/** The skill vocabulary (public, cacheable) and each issuer's synonyms for its skills. */
export const skillsApiRoutes = new Hono<AppEnv>()
  .get('/', rateLimit(RATE_LIMITS.skills), async (c) => {
    const { db, publicUrl } = c.var.deps;
    const urls = publicUrls(publicUrl);
    const [{ skills, badgeClasses }, issuers] = await Promise.all([skillVocabulary(db), listIssuers(db)]);
    const issuerNames = new Map(issuers.map((issuer) => [issuer.id, issuer.name]));
    const vocabulary: SkillVocabulary = {
      skills,
      badges: badgeClasses.map((badgeClass) => ({
        id: badgeClass.id,
        name: badgeClass.name,
        category: badgeClass.category,
        image: urls.badgeClassImage(badgeClass.id),
        url: urls.badgeClass(badgeClass.id),
        issuer: { name: issuerNames.get(badgeClass.issuerId) ?? '' },
        requirements: badgeClass.requirements.map(({ kind, title, url }) => ({ kind, title, ...(url ? { url } : {}) })),
      })),
    };
    const body = JSON.stringify(vocabulary);
    // Every node computes the same tag from the same data: no per-node state.
    const etag = `"${sha256Hex(body).slice(0, 32)}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', VOCABULARY_CACHE_CONTROL);
    if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  })
  .get('/:skill/synonyms', issuerAuth, documented('param', 'get /api/v1/skills/{skill}/synonyms'), async (c) => {
    const { skill } = c.req.valid('param');
    return c.json(await getSkillSynonyms(c.var.deps.db, c.var.issuerId, skill), 200);
  })
  .put('/:skill/synonyms', issuerAuth, rateLimit(RATE_LIMITS.skillSynonyms), requireJson, documented('param', 'put /api/v1/skills/{skill}/synonyms'), documented('json', 'put /api/v1/skills/{skill}/synonyms'), async (c) => {
    const { db, now } = c.var.deps;
    const { skill } = c.req.valid('param');
    const { synonyms } = c.req.valid('json');
    return c.json(await setSkillSynonyms(db, c.var.issuerId, skill, synonyms, now()), 200);
  });
