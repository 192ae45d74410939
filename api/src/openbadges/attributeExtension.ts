// The badge attribute as an Open Badges 2.0 extension: a JSON-LD context and a JSON Schema published by
// this server (/extensions/badge-attribute/…), named in the assertion's extension object so that
// validators can check it (the OB 2.0 extension model: `type: ["Extension", …]`, `obi:validation` in its
// context). Pure builders: everything comes from the public base URL and the input.
import { BADGE_ATTRIBUTE_KINDS, MAX_ATTRIBUTE_LEVEL, MAX_ATTRIBUTE_YEARS, type BadgeAttributeResult } from '../../../shared/schemas/attributes';
import type { PublicUrls } from '../lib/urls';

export const attributeExtensionUrls = (publicUrls: PublicUrls) => {
  const root = publicUrls.extension('badge-attribute');
  return {
    context: `${root}/context.json`,
    schema: `${root}/schema.json`,
    /** The extension's type, and the assertion property that holds it. */
    type: `${root}#BadgeAttribute`,
    term: (name: string) => `${root}#${name}`,
  };
};

export interface AttributeExtensionDocument {
  '@context': string;
  type: ['Extension', string];
  kind: BadgeAttributeResult['kind'];
  label: string;
  value: BadgeAttributeResult['value'];
}

export function attributeExtension(publicUrls: PublicUrls, attribute: BadgeAttributeResult): Record<string, AttributeExtensionDocument> {
  const urls = attributeExtensionUrls(publicUrls);
  return {
    [urls.type]: { '@context': urls.context, type: ['Extension', urls.type], kind: attribute.kind, label: attribute.label, value: attribute.value },
  };
}

export function attributeExtensionContext(publicUrls: PublicUrls) {
  const urls = attributeExtensionUrls(publicUrls);
  return {
    '@context': {
      obi: 'https://w3id.org/openbadges#',
      schema: 'http://schema.org/',
      kind: { '@id': urls.term('kind') },
      label: { '@id': 'schema:name' },
      value: { '@id': 'schema:value' },
    },
    'obi:validation': [{ 'obi:validatesType': urls.type, 'obi:validationSchema': urls.schema }],
  };
}

/** JSON Schema draft-07 (the 1EdTech validator's jsonschema library reads the draft its `$schema` names). */
export function attributeExtensionSchema(publicUrls: PublicUrls) {
  const urls = attributeExtensionUrls(publicUrls);
  const years = { properties: { kind: { enum: ['yearsActive', 'yearsExperience'] }, value: { type: 'integer', minimum: 0, maximum: MAX_ATTRIBUTE_YEARS } } };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: urls.schema,
    title: 'Badge attribute',
    description: 'The level or years a badge carries: its kind, the label its badge class gives it, and the value of this assertion.',
    type: 'object',
    properties: {
      kind: { type: 'string', enum: [...BADGE_ATTRIBUTE_KINDS] },
      label: { type: 'string', minLength: 1 },
      value: { type: ['integer', 'string', 'boolean'] },
    },
    required: ['kind', 'label', 'value'],
    oneOf: [
      years,
      { properties: { kind: { enum: ['level'] }, value: { type: 'string', minLength: 1, maxLength: MAX_ATTRIBUTE_LEVEL } } },
      { properties: { kind: { enum: ['volunteer'] }, value: { type: 'boolean' } } },
    ],
  };
}
