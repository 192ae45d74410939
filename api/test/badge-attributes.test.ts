// Levels and years (issue 17, item 4): a badge class declares the attribute its badges carry, each
// assertion gives its value, and the value shows in every representation of the badge.
import { Window } from 'happy-dom';
import jsonld from 'jsonld';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { assertionResponseSchema, badgeClassResponseSchema } from '../../shared/schemas/issuerApi';
import { verifyResponseSchema } from '../../shared/schemas/verify';
import { countAssertions } from '../src/db/assertions';
import { fixtureJson } from './credentials-helpers';
import { jsonRequest, makeIssuer, PUBLIC_URL, testApp } from './helpers';

const NOW = new Date('2026-03-01T10:00:00.000Z');
type App = Awaited<ReturnType<typeof testApp>>['app'];
type Json = Record<string, any>;

const certification = {
  name: 'Certified Welding Inspector',
  description: 'Inspects welds to the code.',
  category: 'certification',
  criteria: 'Pass the CWI examination.',
  attribute: { kind: 'yearsActive', label: 'Years as CWI' },
};
const recipient = { email: 'kim@example.test', name: 'Kim Example' };

async function setup() {
  const { db, app } = await testApp({ now: () => NOW });
  const owner = await makeIssuer(db, 'Owner');
  return { db, app, owner };
}

async function createBadge(app: App, auth: Record<string, string>, body: object = certification) {
  const res = await app.request('/api/v1/badges', jsonRequest('POST', body, auth));
  expect(res.status, await res.clone().text()).toBe(201);
  return badgeClassResponseSchema.parse(await res.json());
}

async function issue(app: App, auth: Record<string, string>, badgeClassId: string, attribute: unknown) {
  return app.request(`/api/v1/badges/${badgeClassId}/assertions`, jsonRequest('POST', { ...recipient, attribute }, auth));
}

async function issued(app: App, auth: Record<string, string>, badgeClassId: string, attribute: unknown) {
  const res = await issue(app, auth, badgeClassId, attribute);
  expect(res.status, await res.clone().text()).toBe(201);
  return assertionResponseSchema.parse(await res.json());
}

describe('badge class attributes', () => {
  it('are declared on POST, shown, changed by PATCH and removed with null', async () => {
    const { app, owner } = await setup();
    const badgeClass = await createBadge(app, owner.auth);
    expect(badgeClass.attribute).toEqual({ kind: 'yearsActive', label: 'Years as CWI' });
    const relabel = await app.request(`/api/v1/badges/${badgeClass.id}`, jsonRequest('PATCH', { attribute: { kind: 'yearsActive', label: 'Years active' } }, owner.auth));
    expect((await relabel.json()).attribute).toEqual({ kind: 'yearsActive', label: 'Years active' });
    const removed = await app.request(`/api/v1/badges/${badgeClass.id}`, jsonRequest('PATCH', { attribute: null }, owner.auth));
    expect((await removed.json()).attribute).toBeNull();
    const plain = await createBadge(app, owner.auth, { ...certification, attribute: undefined });
    expect(plain.attribute).toBeNull();
  });

  it('refuses an unknown kind, a missing label and unknown fields, naming the field', async () => {
    const { app, owner } = await setup();
    for (const [attribute, path] of [
      [{ kind: 'height', label: 'Height' }, 'attribute.kind'],
      [{ kind: 'level' }, 'attribute.label'],
      [{ kind: 'level', label: '  ' }, 'attribute.label'],
      [{ kind: 'level', label: 'Level', colour: 'red' }, 'attribute'],
    ] as const) {
      const res = await app.request('/api/v1/badges', jsonRequest('POST', { ...certification, attribute }, owner.auth));
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.issues.map((issue: { path: string }) => issue.path)).toContain(path);
    }
  });

  it("cannot change kind once badges hold values (409), and another issuer's badge class is unknown", async () => {
    const { db, app, owner } = await setup();
    const badgeClass = await createBadge(app, owner.auth);
    await issued(app, owner.auth, badgeClass.id, 12);
    const res = await app.request(`/api/v1/badges/${badgeClass.id}`, jsonRequest('PATCH', { attribute: { kind: 'level', label: 'Level' } }, owner.auth));
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('attribute_in_use');
    const intruder = await makeIssuer(db, 'Intruder');
    const foreign = await app.request(`/api/v1/badges/${badgeClass.id}`, jsonRequest('PATCH', { attribute: null }, intruder.auth));
    expect(foreign.status).toBe(404);
  });
});

describe('attribute values on issue', () => {
  it.each([
    ['yearsActive', 12, 12],
    ['yearsActive', 0, 0],
    ['yearsExperience', 80, 80],
    ['level', '  Advanced ', 'Advanced'],
    ['volunteer', false, false],
  ] as const)('%s accepts %j', async (kind, value, stored) => {
    const { app, owner } = await setup();
    const badgeClass = await createBadge(app, owner.auth, { ...certification, attribute: { kind, label: 'L' } });
    expect((await issued(app, owner.auth, badgeClass.id, value)).attribute).toBe(stored);
  });

  it.each([
    ['yearsActive', 81, 'at most 80'],
    ['yearsActive', -1, 'negative'],
    ['yearsActive', 2.5, 'whole number'],
    ['yearsActive', '12', 'whole number'],
    ['yearsExperience', true, 'whole number'],
    ['level', 7, 'text'],
    ['level', '', 'empty'],
    ['level', 'x'.repeat(61), 'at most 60'],
    ['volunteer', 'yes', 'true or false'],
  ] as const)('%s refuses %j with 422 naming attribute', async (kind, value, words) => {
    const { db, app, owner } = await setup();
    const badgeClass = await createBadge(app, owner.auth, { ...certification, attribute: { kind, label: 'L' } });
    const res = await issue(app, owner.auth, badgeClass.id, value);
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('invalid_attribute');
    expect(error.issues).toEqual([{ path: 'attribute', message: expect.stringContaining(words) }]);
    expect(await countAssertions(db)).toBe(0);
  });

  it('refuses a value for a badge class without an attribute, and issues without one when none is given', async () => {
    const { app, owner } = await setup();
    const plain = await createBadge(app, owner.auth, { ...certification, attribute: undefined });
    const res = await issue(app, owner.auth, plain.id, 3);
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toContain('declares no attribute');
    const badgeClass = await createBadge(app, owner.auth);
    expect((await issued(app, owner.auth, badgeClass.id, undefined)).attribute).toBeNull();
  });
});

describe('the value in every representation', () => {
  async function issuedCertification() {
    const world = await setup();
    const badgeClass = await createBadge(world.app, world.owner.auth);
    const assertion = await issued(world.app, world.owner.auth, badgeClass.id, 12);
    return { ...world, badgeClass, assertion };
  }

  it('shows on the badge page', async () => {
    const { app, assertion } = await issuedCertification();
    const res = await app.request(`/assertions/${assertion.id}`, { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(200);
    const document = new Window().document;
    document.body.innerHTML = await res.text();
    const facts = [...document.querySelectorAll('.facts dt')].map((term) => [term.textContent, term.nextElementSibling?.textContent]);
    expect(facts).toContainEqual(['Years as CWI', '12 years']);
  });

  it('is an Open Badges 2.0 extension whose published context and schema describe it', async () => {
    const { app, assertion } = await issuedCertification();
    const res = await app.request(`/assertions/${assertion.id}.json`);
    const document = (await res.json()) as Json;
    const type = `${PUBLIC_URL}/extensions/badge-attribute#BadgeAttribute`;
    const extension = document[type];
    expect(extension).toEqual({
      '@context': `${PUBLIC_URL}/extensions/badge-attribute/context.json`,
      type: ['Extension', type],
      kind: 'yearsActive',
      label: 'Years as CWI',
      value: 12,
    });

    const contextResponse = await app.request('/extensions/badge-attribute/context.json');
    expect(contextResponse.headers.get('access-control-allow-origin')).toBe('*');
    const context = (await contextResponse.json()) as Json;
    expect(context['obi:validation']).toEqual([{ 'obi:validatesType': type, 'obi:validationSchema': `${PUBLIC_URL}/extensions/badge-attribute/schema.json` }]);
    const schema = (await (await app.request('/extensions/badge-attribute/schema.json')).json()) as Json;
    const validate = new Ajv().compile(schema);
    expect(validate(extension), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...extension, value: 'twelve' })).toBe(false);
    expect(validate({ ...extension, kind: 'volunteer', value: 12 })).toBe(false);

    // Expanded as JSON-LD (what the validator does first), every property of the extension keeps a meaning.
    const contexts: Record<string, unknown> = { 'https://w3id.org/openbadges/v2': fixtureJson('contexts/ob-v2-context.json'), [extension['@context']]: context };
    const documentLoader = async (url: string) => {
      if (!(url in contexts)) throw new Error(`unexpected context ${url}`);
      return { contextUrl: null, documentUrl: url, document: contexts[url] };
    };
    const [expanded] = (await jsonld.expand(document, { documentLoader })) as Json[];
    const [node] = expanded[type] as Json[];
    expect(node['@type']).toEqual(['https://w3id.org/openbadges#Extension', type]);
    expect(node[`${PUBLIC_URL}/extensions/badge-attribute#kind`]).toEqual([{ '@value': 'yearsActive' }]);
    expect(node['http://schema.org/name']).toEqual([{ '@value': 'Years as CWI' }]);
    expect(node['http://schema.org/value']).toEqual([{ '@value': 12 }]);
  });

  it('is in verify results as badge.attribute, and in the issuer API', async () => {
    const { app, owner, assertion } = await issuedCertification();
    const res = await app.request('/api/v1/verify', jsonRequest('POST', { urls: [assertion.url] }));
    const [result] = verifyResponseSchema.parse(await res.json()).results;
    expect(result.status).toBe('valid');
    expect(result.badge?.attribute).toEqual({ kind: 'yearsActive', label: 'Years as CWI', value: 12 });
    const fetched = await app.request(`/api/v1/assertions/${assertion.id}`, { headers: owner.auth });
    expect(assertionResponseSchema.parse(await fetched.json()).attribute).toBe(12);
  });

  it('is absent where the badge carries none', async () => {
    const { app, owner } = await setup();
    const badgeClass = await createBadge(app, owner.auth);
    const assertion = await issued(app, owner.auth, badgeClass.id, undefined);
    const document = (await (await app.request(`/assertions/${assertion.id}.json`)).json()) as Json;
    expect(Object.keys(document).filter((key) => key.includes('extensions'))).toEqual([]);
    const res = await app.request('/api/v1/verify', jsonRequest('POST', { urls: [assertion.url] }));
    expect(verifyResponseSchema.parse(await res.json()).results[0].badge).not.toHaveProperty('attribute');
  });
});
