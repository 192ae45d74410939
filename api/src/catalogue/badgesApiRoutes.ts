import { Hono, type Context } from 'hono';
import { checkAttributeValue } from '../../../shared/schemas/attributes';
import { hasAttributeValues, InvalidCursorError, listAssertions } from '../db/assertions';
import { createBadgeClass, getBadgeClass, listBadgeClasses, updateBadgeClass } from '../db/badgeClasses';
import { transaction } from '../db/connection';
import { listIssuers } from '../db/issuers';
import { UnknownRequirementError } from '../db/requirements';
import { searchCatalogue } from './search';
import { issueOneBadge } from '../earners/hooks';
import { freezeCredentials } from '../ob3/issuance';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { issuerAuth } from '../http/issuerAuth';
import { invalidField, requireJson } from '../http/jsonInput';
import { imageInputProblem } from '../lib/imageInput';
import { withField } from '../http/issueMessages';
import { publicUrls } from '../lib/urls';
import { presentAssertion, presentBadgeClass, presentCatalogueItem } from '../openbadges/presenters';
import { documented } from '../http/documentedValidation';

const noSuchBadgeClass = (id: string) => `No badge class with id "${id}".`;
export const archivedBadgeClass = (id: string) => `The badge class "${id}" is archived: no new badges are issued from it (those issued stay valid).`;

/** The kind of a badge class's attribute cannot change once badges hold values of it: they would no longer fit. */
class AttributeInUseError extends Error {}

/** An attribute value that does not fit the badge class's attribute: 422 naming the field. */
function invalidAttribute(c: Context, problem: string, path = 'attribute') {
  return apiError(c, 422, 'invalid_attribute', `Invalid request body: ${withField(path, problem)}`, [{ path, message: problem }]);
}

/** A requirement option naming an id that is not one of the issuer's requirements: returned, for a 404. */
async function orUnknownRequirement<T>(work: Promise<T>): Promise<T | UnknownRequirementError> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof UnknownRequirementError) return error;
    throw error;
  }
}

/** The public catalogue, and badge classes and their assertions for the key's issuer. */
export const badgesApiRoutes = new Hono<AppEnv>()
  .get('/', documented('query', 'get /api/v1/badges'), async (c) => {
    const { db, publicUrl } = c.var.deps;
    const { category, q, skills } = c.req.valid('query');
    const urls = publicUrls(publicUrl);
    const searching = Boolean(q) || Boolean(skills?.length);
    const [badgeClasses, issuers] = await Promise.all([
      searching ? searchCatalogue(db, { category, q, skills }) : listBadgeClasses(db, { category }),
      listIssuers(db),
    ]);
    const issuersById = new Map(issuers.map((issuer) => [issuer.id, issuer]));
    const items = badgeClasses.map((badgeClass) => presentCatalogueItem(badgeClass, issuersById.get(badgeClass.issuerId)!, urls));
    return c.json({ items }, 200);
  })
  .post('/', issuerAuth, requireJson, documented('json', 'post /api/v1/badges'), async (c) => {
    const { db, publicUrl, now } = c.var.deps;
    const body = c.req.valid('json');
    const imageProblem = body.image === undefined ? null : await imageInputProblem(body.image, c.var.deps);
    if (imageProblem) return invalidField(c, 'request body', 'image', imageProblem);
    const badgeClass = await orUnknownRequirement(createBadgeClass(db, c.var.issuerId, body, now()));
    if (badgeClass instanceof UnknownRequirementError) return apiError(c, 404, 'not_found', badgeClass.message);
    const presented = presentBadgeClass(badgeClass, publicUrls(publicUrl));
    c.header('Location', presented.url);
    return c.json(presented, 201);
  })
  .patch('/:id', issuerAuth, requireJson, documented('param', 'patch /api/v1/badges/{id}'), documented('json', 'patch /api/v1/badges/{id}'), async (c) => {
    const { db, publicUrl, now } = c.var.deps;
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const imageProblem = patch.image === undefined ? null : await imageInputProblem(patch.image, c.var.deps);
    if (imageProblem) return invalidField(c, 'request body', 'image', imageProblem);
    // Badges issued before the edit keep what they said in their Open Badges 3.0 credentials.
    const badgeClass = await orUnknownRequirement(
      transaction(db, async (trx) => {
        const current = await getBadgeClass(trx, id);
        if (current?.issuerId !== c.var.issuerId) return null;
        const kindChanges = patch.attribute !== undefined && patch.attribute?.kind !== current.attribute?.kind;
        if (kindChanges && (await hasAttributeValues(trx, id))) return new AttributeInUseError();
        await freezeCredentials(trx, publicUrl, { badgeClassId: id });
        return updateBadgeClass(trx, c.var.issuerId, id, patch, now());
      }),
    );
    if (badgeClass instanceof UnknownRequirementError) return apiError(c, 404, 'not_found', badgeClass.message);
    if (!badgeClass) return apiError(c, 404, 'not_found', noSuchBadgeClass(id));
    if (badgeClass instanceof AttributeInUseError) {
      return apiError(c, 409, 'attribute_in_use', 'Badges of this class already hold values of its attribute: its kind cannot change (its label can).');
    }
    return c.json(presentBadgeClass(badgeClass, publicUrls(publicUrl)), 200);
  })
  .post('/:id/assertions', issuerAuth, requireJson, documented('param', 'post /api/v1/badges/{id}/assertions'), documented('json', 'post /api/v1/badges/{id}/assertions'), async (c) => {
    const { deps } = c.var;
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const badgeClass = await getBadgeClass(deps.db, id);
    if (!badgeClass || badgeClass.issuerId !== c.var.issuerId) return apiError(c, 404, 'not_found', noSuchBadgeClass(id));
    if (badgeClass.archivedAt) return apiError(c, 409, 'archived', archivedBadgeClass(id));
    const attribute = checkAttributeValue(badgeClass.attribute, body.attribute);
    if (!attribute.ok) return invalidAttribute(c, attribute.problem);
    const now = deps.now();
    if (body.expires !== undefined && Date.parse(body.expires) <= now.getTime()) {
      return invalidField(c, 'request body', 'expires', 'expires must be in the future');
    }
    // The assertion, its claim token, its email and its queued Open Badges 3.0 credential are stored together or not at all.
    const assertion = await issueOneBadge(
      deps,
      badgeClass,
      { email: body.email, name: body.name, evidenceUrl: body.evidence, narrative: body.narrative, expires: body.expires, attributeValue: attribute.value },
      now,
    );
    const presented = presentAssertion(assertion, publicUrls(deps.publicUrl), now);
    c.header('Location', presented.url);
    return c.json(presented, 201);
  })
  .get('/:id/assertions', issuerAuth, documented('param', 'get /api/v1/badges/{id}/assertions'), documented('query', 'get /api/v1/badges/{id}/assertions'), async (c) => {
    const { db, publicUrl, now } = c.var.deps;
    const { id } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    const badgeClass = await getBadgeClass(db, id);
    if (!badgeClass || badgeClass.issuerId !== c.var.issuerId) return apiError(c, 404, 'not_found', noSuchBadgeClass(id));
    let page;
    try {
      page = await listAssertions(db, id, limit, cursor);
    } catch (error) {
      if (!(error instanceof InvalidCursorError)) throw error;
      return invalidField(c, 'query string', 'cursor', error.message);
    }
    const urls = publicUrls(publicUrl);
    const at = now();
    return c.json({ items: page.items.map((assertion) => presentAssertion(assertion, urls, at)), nextCursor: page.nextCursor }, 200);
  });
