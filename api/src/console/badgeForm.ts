// The badge class form as data: each field says how it is drawn and how its text becomes the API's
// input. New badge class fields (attributes, alignments) are one more entry here.
import { BADGE_CATEGORIES } from '../../../shared/schemas/verify';
import type { BadgeClass } from '../db/badgeClasses';
import type { RequirementObject } from '../db/requirements';

export type BadgeFormField = { name: string; label: string; hint?: string } & (
  | { kind: 'text' | 'textarea' | 'number' | 'checkbox' | 'file' }
  | { kind: 'select' | 'multiselect'; options: { value: string; label: string }[] }
);

export function badgeFormFields(requirements: readonly RequirementObject[]): BadgeFormField[] {
  const fields: BadgeFormField[] = [
    { name: 'name', label: 'Name', kind: 'text' },
    { name: 'description', label: 'Description', kind: 'textarea' },
    { name: 'category', label: 'Category', kind: 'select', options: BADGE_CATEGORIES.map((category) => ({ value: category, label: category })) },
    { name: 'criteria', label: 'Criteria', hint: 'What a person does to earn it.', kind: 'textarea' },
    { name: 'skills', label: 'Skills', hint: 'Separated by commas.', kind: 'text' },
    { name: 'validityMonths', label: 'Valid for (months)', hint: 'Leave empty for a badge that does not expire.', kind: 'number' },
    { name: 'offersCertificate', label: 'Offer a PDF certificate', kind: 'checkbox' },
    { name: 'image', label: 'Image (PNG or SVG)', hint: 'Leave empty for the generated image (or to keep the current one). Square images look best.', kind: 'file' },
  ];
  if (requirements.length > 0) {
    fields.splice(4, 0, {
      name: 'requirements',
      label: 'Requirement options (any one earns the badge)',
      kind: 'multiselect',
      options: requirements.map((requirement) => ({ value: requirement.id, label: `${requirement.title} (${requirement.kind})` })),
    });
  }
  return fields;
}

/** A stored badge class as form values (to edit it). */
export function badgeFormValues(badgeClass: BadgeClass): Record<string, string> {
  return {
    name: badgeClass.name,
    description: badgeClass.description,
    category: badgeClass.category,
    criteria: badgeClass.criteriaNarrative,
    skills: badgeClass.skills.join(', '),
    requirements: badgeClass.requirements.map((option) => option.id).join(','),
    validityMonths: badgeClass.validityMonths === null ? '' : String(badgeClass.validityMonths),
    offersCertificate: badgeClass.offersCertificate ? 'on' : '',
  };
}

/**
 * The API's badge class input from the form's text (validated afterwards by the API's own schema).
 * `image` is a data: URI of the uploaded file, or undefined to keep (or generate) the image.
 */
export function badgeInputFromForm(values: Record<string, string>, requirementIds: readonly string[], image: string | undefined): Record<string, unknown> {
  const validity = (values.validityMonths ?? '').trim();
  return {
    name: values.name ?? '',
    description: values.description ?? '',
    category: values.category ?? '',
    criteria: values.criteria ?? '',
    skills: (values.skills ?? '')
      .split(',')
      .map((skill) => skill.trim())
      .filter(Boolean),
    requirements: requirementIds.map((id) => ({ id })),
    validityMonths: validity === '' ? null : Number(validity),
    offersCertificate: values.offersCertificate === 'on',
    ...(image !== undefined ? { image } : {}),
  };
}
