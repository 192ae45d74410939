// Forms and JSON bodies of the earner side: registration, sign-in, password reset, profile, badge
// choices, the extension's token route, and the issuer's earner-related routes. Messages are written
// to be shown next to the field.
import { z } from 'zod';
import { badgeAttributeResultSchema } from './attributes';
import { meBadgeSourceSchema } from './imports';

export const PASSWORD_MIN_LENGTH = 10;

const emailField = z.string().trim().min(1, 'Enter your email address.').max(254, 'This email address is too long.').email('Enter a valid email address, like name@example.com.');
const nameField = (what: string) => z.string().trim().min(1, `Enter your ${what}.`).max(100, `Your ${what} can have at most 100 characters.`);
const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(200, 'Choose a password of at most 200 characters.');

/** Where to go after signing in: only a path on this site, never another origin. */
export const nextPathSchema = z
  .string()
  .regex(/^\/(?![/\\])[A-Za-z0-9/_.~%?=&-]*$/, 'not a local path')
  .max(500)
  .optional()
  .catch(undefined);

export const registerFormSchema = z
  .object({
    firstName: nameField('first name'),
    lastName: nameField('last name'),
    email: emailField,
    password: newPassword,
    passwordConfirm: z.string(),
    terms: z.literal('on', { error: 'Please agree to the terms to create an account.' }),
  })
  .refine((form) => form.password === form.passwordConfirm, { path: ['passwordConfirm'], message: 'The two passwords are not the same.' });
export type RegisterForm = z.infer<typeof registerFormSchema>;

export const loginFormSchema = z.object({
  email: emailField,
  password: z.string().min(1, 'Enter your password.').max(200, 'Passwords have at most 200 characters.'),
  next: nextPathSchema,
});

/** The activation page: the password chosen at registration (the link alone proves only the mailbox). */
export const activationFormSchema = z.object({
  password: z.string().min(1, 'Enter the password you chose when you registered.').max(200, 'Passwords have at most 200 characters.'),
});

export const resetRequestFormSchema = z.object({ email: emailField });

export const newPasswordFormSchema = z
  .object({ password: newPassword, passwordConfirm: z.string() })
  .refine((form) => form.password === form.passwordConfirm, { path: ['passwordConfirm'], message: 'The two passwords are not the same.' });

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} can have at most ${max} characters.`)
    .transform((value) => (value === '' ? null : value));

export const profileFormSchema = z.object({
  workplace: optionalText(200, 'Workplace'),
  professionalTitle: optionalText(200, 'Professional title'),
  linkedinUrl: optionalText(300, 'The LinkedIn URL')
    // People paste "linkedin.com/in/jane" as often as the full address: it means the same page over https.
    .transform((value) => (value === null ? null : value.replace(/^(?:https?:\/\/)?/i, 'https://')))
    .refine(
      (value) => value === null || /^https:\/\/([a-z]{2,3}\.)?(www\.)?linkedin\.com\/in\/[^\s/?#]+\/?$/i.test(value),
      'Enter your LinkedIn profile address, like www.linkedin.com/in/your-name.',
    ),
});

export const alternateEmailFormSchema = z.object({ email: emailField });

export const changePasswordFormSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.').max(200, 'Passwords have at most 200 characters.'),
    password: newPassword,
    passwordConfirm: z.string(),
  })
  .refine((form) => form.password === form.passwordConfirm, { path: ['passwordConfirm'], message: 'The two passwords are not the same.' });

export const deleteAccountFormSchema = z.object({
  password: z.string().min(1, 'Enter your password to confirm.').max(200),
  confirm: z.literal('on', { error: 'Tick the box to confirm that you want to delete your account.' }),
});

/** POST /api/v1/auth/token */
export const authTokenRequestSchema = z.strictObject({
  email: emailField,
  password: z.string().min(1, 'password is required').max(200),
});

export const authTokenResponseSchema = z.object({ token: z.string(), expiresAt: z.string() });

/** PATCH /api/v1/me/badges/:id */
export const meBadgePatchSchema = z
  .strictObject({
    isPublic: z.boolean().optional(),
    claimState: z.enum(['accepted', 'declined']).optional(),
  })
  .refine((patch) => patch.isPublic !== undefined || patch.claimState !== undefined, 'give isPublic or claimState');

export const meBadgeSchema = z.object({
  id: z.string(),
  url: z.string(),
  imageUrl: z.string(),
  name: z.string(),
  description: z.string(),
  issuer: z.object({ id: z.string(), name: z.string(), url: z.string() }),
  recipientName: z.string(),
  issuedOn: z.string(),
  expires: z.string().nullable(),
  claimState: z.enum(['pending', 'accepted', 'declined']),
  /** `self_claimed`: a skill badge the earner claimed for themselves, which no issuer has verified yet. */
  status: z.enum(['valid', 'expired', 'revoked', 'self_claimed']),
  isPublic: z.boolean(),
  revocationReason: z.string().nullable(),
  /** Issued here or imported from another site (absent from servers older than imports). */
  source: meBadgeSourceSchema.optional(),
  /** The badge’s signed Open Badges 3.0 credential (served while the badge is public); null for an imported badge. */
  credentialUrl: z.string().nullable(),
  /** The badge class's attribute with this badge's value (years, level, volunteer flag), when it has one. */
  attribute: badgeAttributeResultSchema.optional(),
});
export type MeBadge = z.infer<typeof meBadgeSchema>;
export const meBadgesResponseSchema = z.object({ items: z.array(meBadgeSchema) });

/** POST /api/v1/me/claims: claim a skill badge of the catalogue for oneself ("I can do this"). */
export const selfClaimRequestSchema = z.strictObject({
  badgeId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'badgeId must be the id of a badge class of this server'),
});

export const selfClaimResponseSchema = z.object({
  /** The badge's public id: it stays the same when an issuer verifies the claim. */
  assertionId: z.string(),
  url: z.string(),
  status: z.literal('self_claimed'),
});
export type SelfClaimResponse = z.infer<typeof selfClaimResponseSchema>;

/** POST /api/v1/me/badges/import: the badge as it is now in the portfolio, and whether it was new. */
export const importResponseSchema = z.object({ badge: meBadgeSchema, created: z.boolean() });

/** PATCH /api/v1/assertions/:id/recipient (issuer) */
export const recipientNameSchema = z.strictObject({
  name: z.string().trim().min(1, 'name is required').max(200, 'name has at most 200 characters'),
});

/** POST /api/v1/earners/unlock (issuer) */
export const unlockEarnerSchema = z.strictObject({ email: emailField });
