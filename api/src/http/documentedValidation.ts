// A route's validators come from its OpenAPI descriptor, so what /openapi.json documents is what the route
// checks: one declaration of each body, query and path schema. In a router:
//
//   .post('/', rateLimit(RATE_LIMITS.verify), documented('json', 'post /api/v1/verify'), async (c) => …)
//
// `c.req.valid('json')` keeps the schema's exact type, and a key naming an undocumented route, or a target the
// descriptor has no schema for, does not compile.
import type { z } from 'zod';
import { validatingRouteDocs, type ApiRouteDoc } from '../openapi';
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

/** "METHOD path target" of each validator taken from a descriptor, by validator: the test finds them on the app's routes. */
export const documentedValidators = new WeakMap<object, string>();

/** "METHOD path" of the routes that parse their body by hand (CSV or JSON) with the descriptor's body schema. */
export const documentedHandParsedBodies = new Set<string>();

function schemaFrom(docs: readonly ApiRouteDoc[], field: Field<Target>, key: string): z.ZodType {
  const schema = docs.find((route) => `${route.method} ${route.path}` === key)?.[field];
  if (!schema) throw new Error(`No ${field} schema in the descriptor of ${key}`);
  return schema;
}

export function validatorsFrom<const Docs extends readonly ApiRouteDoc[]>(docs: Docs) {
  return <T extends Target, K extends KeysWith<Docs, Field<T>> & string>(target: T, key: K) => {
    // The descriptor found by key is the one SchemaAt names, which TypeScript cannot follow through find().
    const validator = validate(target, schemaFrom(docs, fieldOf[target], key) as unknown as SchemaAt<Docs, K, Field<T>>);
    documentedValidators.set(validator, `${key} ${target}`);
    return validator;
  };
}

/** The validator of a documented route's body (`json`), query or path parameters (`param`), from its descriptor. */
export const documented = validatorsFrom(validatingRouteDocs);

/** The body schema of a documented route that reads its body itself, because it also takes another media type. */
export function documentedBodySchema<K extends KeysWith<typeof validatingRouteDocs, 'body'> & string>(key: K) {
  documentedHandParsedBodies.add(key);
  return schemaFrom(validatingRouteDocs, 'body', key) as unknown as SchemaAt<typeof validatingRouteDocs, K, 'body'>;
}
