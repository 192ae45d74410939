// Badge attributes (levels and years): a badge class declares which one its badges carry, each assertion
// gives its value. The value's type follows the kind: years are whole numbers, a level is short text, the
// volunteer flag is true or false.
import { z } from 'zod';

export const BADGE_ATTRIBUTE_KINDS = ['yearsActive', 'yearsExperience', 'level', 'volunteer'] as const;
export type BadgeAttributeKind = (typeof BADGE_ATTRIBUTE_KINDS)[number];

export const MAX_ATTRIBUTE_YEARS = 80;
export const MAX_ATTRIBUTE_LEVEL = 60;

/** What a badge class declares: `{"kind": "yearsActive", "label": "Years as CWI"}`. */
export const badgeAttributeSchema = z.strictObject({
  kind: z.enum(BADGE_ATTRIBUTE_KINDS),
  label: z.string().trim().min(1, 'must not be empty').max(80),
});
export type BadgeAttribute = z.infer<typeof badgeAttributeSchema>;

export type BadgeAttributeValue = number | string | boolean;

/** An attribute with an assertion's value: what pages, documents and verify results show. */
export const badgeAttributeResultSchema = badgeAttributeSchema.extend({
  value: z.union([z.number().int(), z.string(), z.boolean()]),
});
export type BadgeAttributeResult = z.infer<typeof badgeAttributeResultSchema>;

/** Any value as an issuer may send it; checked against the badge class's kind by `attributeValueSchema`. */
export const attributeValueInput = z.union([z.number(), z.string().max(200), z.boolean()]);

export const isYearsKind = (kind: BadgeAttributeKind) => kind === 'yearsActive' || kind === 'yearsExperience';

/** The values a kind accepts, with the message an issuer reads when a value does not fit. */
export function attributeValueSchema(kind: BadgeAttributeKind): z.ZodType<BadgeAttributeValue> {
  if (isYearsKind(kind)) {
    return z
      .number({ error: `must be a whole number of years (0–${MAX_ATTRIBUTE_YEARS}) for a ${kind} attribute` })
      .int(`must be a whole number of years (0–${MAX_ATTRIBUTE_YEARS})`)
      .min(0, 'must not be negative')
      .max(MAX_ATTRIBUTE_YEARS, `must be at most ${MAX_ATTRIBUTE_YEARS} years`);
  }
  if (kind === 'level') {
    return z
      .string({ error: 'must be a text (the level, e.g. "Gold") for a level attribute' })
      .trim()
      .min(1, 'must not be empty')
      .max(MAX_ATTRIBUTE_LEVEL, `must be at most ${MAX_ATTRIBUTE_LEVEL} characters`);
  }
  return z.boolean({ error: 'must be true or false for a volunteer attribute' });
}

/**
 * A value read from a text cell (a CSV column): years and flags are parsed from their text first, so
 * "12" and "yes" mean what they say; anything else is checked as it is.
 */
export function attributeValueFromText(kind: BadgeAttributeKind, text: string): unknown {
  const trimmed = text.trim();
  if (isYearsKind(kind) && /^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (kind === 'volunteer') {
    const flag = trimmed.toLowerCase();
    if (['true', 'yes', '1'].includes(flag)) return true;
    if (['false', 'no', '0'].includes(flag)) return false;
  }
  return trimmed;
}

/** A badge class's attribute with an assertion's value; null when either is missing. */
export function attributeResult(attribute: BadgeAttribute | null, value: BadgeAttributeValue | null): BadgeAttributeResult | null {
  return attribute && value !== null ? { ...attribute, value } : null;
}

/** `{attribute}` to spread into a verified badge, or nothing when there is none. */
export function optionalAttribute(result: BadgeAttributeResult | null): { attribute?: BadgeAttributeResult } {
  return result ? { attribute: result } : {};
}

export type CheckedAttributeValue = { ok: true; value: BadgeAttributeValue | null } | { ok: false; problem: string };

/** The value as stored (levels trimmed), or why it does not fit the badge class's attribute. No value is fine. */
export function checkAttributeValue(attribute: BadgeAttribute | null, value: unknown): CheckedAttributeValue {
  if (value === undefined || value === null) return { ok: true, value: null };
  if (!attribute) return { ok: false, problem: 'is not taken: this badge class declares no attribute' };
  const parsed = attributeValueSchema(attribute.kind).safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: parsed.error.issues[0].message };
}

/** The display form of a value on a page, in English: "12 years", "1 year", "Gold", "Yes". */
export function attributeValueText(result: Pick<BadgeAttributeResult, 'kind' | 'value'>): string {
  if (isYearsKind(result.kind) && typeof result.value === 'number') return `${result.value} ${result.value === 1 ? 'year' : 'years'}`;
  if (result.kind === 'volunteer') return result.value === true ? 'Yes' : 'No';
  return String(result.value);
}
