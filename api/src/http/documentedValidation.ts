// A route's validators come from its OpenAPI descriptor, so what /openapi.json documents is what the route
// checks: one declaration of each body, query and path schema. In a router:
//
//   .post('/', rateLimit(RATE_LIMITS.verify), documented('json', 'post /api/v1/verify'), async (c) => …)
//
// `c.req.valid('json')` keeps the schema's exact type, and a key naming an undocumented route, or a target the
// descriptor has no schema for, does not compile.
import type { z } from 'zod';
import { earnerApiRouteDocs } from '../earners/apiDocs';
import { coreRouteDocs, type ApiRouteDoc } from '../openapi';
import { validate } from './errors';

/** The descriptor field holding the schema of each validation target. */
const fieldOf = { json: 'body', query: 'query', param: 'params' } as const;
type Target = keyof typeof fieldOf;
type Field<T extends Target> = (typeof fieldOf)[T];

type RouteKey<Doc extends ApiRouteDoc> = `${Doc['method']} ${Doc['path']}`;
type DocsByKey<Docs extends readonly ApiRouteDoc[]> = { [Doc in Docs[number] as RouteKey<Doc>]: Doc };
type KeysWith<Docs extends readonly ApiRouteDoc[], F extends string> = {
  [K in keyof DocsByKey<Docs>]: DocsByKey<Docs>[K] extends Record<F, z.ZodType> ? K : never;
}[keyof DocsByKey<Docs>];
type SchemaAt<Docs extends readonly ApiRouteDoc[], K, F extends string> = K extends keyof DocsByKey<Docs>
  ? DocsByKey<Docs>[K] extends Record<F, infer Schema extends z.ZodType>
    ? Schema
    : never
  : never;

/** "METHOD path target" of every validator taken from a descriptor, for the test that all of them are. */
export const documentedValidators = new Set<string>();

export function validatorsFrom<const Docs extends readonly ApiRouteDoc[]>(docs: Docs) {
  return <T extends Target, K extends KeysWith<Docs, Field<T>> & string>(target: T, key: K) => {
    const doc = docs.find((route) => `${route.method} ${route.path}` === key);
    const schema = doc?.[fieldOf[target]];
    if (!schema) throw new Error(`No ${fieldOf[target]} schema in the descriptor of ${key}`);
    documentedValidators.add(`${key} ${target}`);
    // The descriptor found by key is the one SchemaAt names, which TypeScript cannot follow through find().
    return validate(target, schema as unknown as SchemaAt<Docs, K, Field<T>>);
  };
}

/** The validator of a documented route's body (`json`), query or path parameters (`param`), from its descriptor. */
export const documented = validatorsFrom([...coreRouteDocs, ...earnerApiRouteDocs]);
