// The skill vocabulary (GET /api/v1/skills) and its editable synonyms (PUT /api/v1/skills/:skill/synonyms).
// The extension's background downloads the vocabulary and matches job postings with it locally.
import { z } from 'zod';
import { REQUIREMENT_KINDS } from './badges';
import { badgeCategorySchema } from './verify';

export const MAX_SYNONYMS = 30;

/** A skill name in a path: what a badge class may declare (1 to 80 characters), URL-decoded by the router. */
export const skillParamSchema = z.strictObject({
  skill: z.string().trim().min(1, 'must not be empty').max(80).refine((skill) => /[\p{L}\p{N}]/u.test(skill), 'must contain a letter or a digit'),
});

export const synonymsBodySchema = z.strictObject({
  synonyms: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(80)
        .refine((term) => /[\p{L}\p{N}]/u.test(term), 'must contain a letter or a digit'),
    )
    .max(MAX_SYNONYMS),
});
export type SynonymsBody = z.infer<typeof synonymsBodySchema>;

export const skillSynonymsResponseSchema = z.object({
  skill: z.string(),
  synonyms: z.array(z.string()),
  updatedAt: z.string().nullable(),
});
export type SkillSynonymsResponse = z.infer<typeof skillSynonymsResponseSchema>;

const vocabularyBadgeSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: badgeCategorySchema,
  image: z.string().meta({ description: 'The badge image URL.' }),
  url: z.string().meta({ description: 'The badge class page: what it is and how to earn it.' }),
  issuer: z.object({ name: z.string() }),
  requirements: z.array(z.object({ kind: z.enum(REQUIREMENT_KINDS), title: z.string(), url: z.string().optional() })),
});
export type VocabularyBadge = z.infer<typeof vocabularyBadgeSchema>;

export const skillVocabularySchema = z.object({
  skills: z
    .array(
      z.object({
        skill: z.string(),
        synonyms: z.array(z.string()),
        badgeIds: z.array(z.string()),
      }),
    )
    .meta({ description: 'One entry per skill and issuer: the skill as its badge classes declare it, that issuer’s synonyms, and the badge classes.' }),
  badges: z.array(vocabularyBadgeSchema),
});
export type SkillVocabulary = z.infer<typeof skillVocabularySchema>;
