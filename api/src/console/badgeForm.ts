// The badge class form as data: each field says how it is drawn and how its text becomes the API's
// input. New badge class fields (attributes, alignments) are one more entry here.
import { BADGE_ATTRIBUTE_KINDS, type BadgeAttributeKind } from '../../../shared/schemas/attributes';
import { BADGE_CATEGORIES } from '../../../shared/schemas/verify';
import type { Alignment } from '../../../shared/schemas/badges';
import type { BadgeClass } from '../db/badgeClasses';
import type { RequirementObject } from '../db/requirements';

export type BadgeFormField = { name: string; label: string; hint?: string } & (
  | { kind: 'text' | 'textarea' | 'number' | 'checkbox' | 'file' }
  | { kind: 'select' | 'multiselect'; options: { value: string; label: string }[] }
);

const ATTRIBUTE_KIND_LABELS: Record<BadgeAttributeKind, string> = {
  yearsActive: 'Years active',
  yearsExperience: 'Years of experience',
  level: 'Level',
  volunteer: 'Volunteer (yes or no)',
};

export function badgeFormFields(requirements: readonly RequirementObject[]): BadgeFormField[] {
  const fields: BadgeFormField[] = [
    { name: 'name', label: 'Name', kind: 'text' },
    { name: 'description', label: 'Description', kind: 'textarea' },
    { name: 'category', label: 'Category', kind: 'select', options: BADGE_CATEGORIES.map((category) => ({ value: category, label: category })) },
    { name: 'criteria', label: 'Criteria', hint: 'What a person does to earn it.', kind: 'textarea' },
    { name: 'skills', label: 'Skills', hint: 'Separated by commas.', kind: 'text' },
    {
      name: 'alignment',
      label: 'Alignments to published frameworks',
      hint: 'One per line: skill name | URL of the skill in the framework | framework name | code | description (the last three are optional).',
      kind: 'textarea',
    },
    {
      name: 'attributeKind',
      label: 'Attribute its badges carry',
      hint: 'Each badge then gives its value when it is issued (one at a time or in the CSV’s attribute column).',
      kind: 'select',
      options: [{ value: '', label: 'None' }, ...BADGE_ATTRIBUTE_KINDS.map((kind) => ({ value: kind, label: ATTRIBUTE_KIND_LABELS[kind] }))],
    },
    { name: 'attributeLabel', label: 'Attribute name', hint: 'As the badge shows it, e.g. “Years as CWI”.', kind: 'text' },
    { name: 'validityMonths', label: 'Valid for (months)', hint: 'Leave empty for a badge that does not expire.', kind: 'number' },
    { name: 'offersCertificate', label: 'Offer a PDF certificate', kind: 'checkbox' },
    { name: 'image', label: 'Image (PNG or SVG)', hint: 'Leave empty for the generated image (or to keep the current one). A PNG that is not square is cut to its centre square, as the preview shows.', kind: 'file' },
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
    alignment: badgeClass.alignment.map(alignmentLine).join('\n'),
    requirements: badgeClass.requirements.map((option) => option.id).join(','),
    attributeKind: badgeClass.attribute?.kind ?? '',
    attributeLabel: badgeClass.attribute?.label ?? '',
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
    alignment: alignmentsFromText(values.alignment ?? ''),
    requirements: requirementIds.map((id) => ({ id })),
    attribute: values.attributeKind ? { kind: values.attributeKind, label: values.attributeLabel ?? '' } : null,
    validityMonths: validity === '' ? null : Number(validity),
    offersCertificate: values.offersCertificate === 'on',
    ...(image !== undefined ? { image } : {}),
  };
}

// The description comes last: it is the one part that may itself hold a '|'.
const ALIGNMENT_PARTS = ['targetName', 'targetUrl', 'targetFramework', 'targetCode', 'targetDescription'] as const;
// The schema's attribute is two form fields.
const RENAMED_ERROR_KEYS: Record<string, string> = { 'attribute.kind': 'attributeKind', 'attribute.label': 'attributeLabel', attribute: 'attributeKind' };
const ALIGNMENT_PART_LABELS: Record<string, string> = { targetName: 'skill name', targetUrl: 'URL', targetFramework: 'framework name', targetCode: 'code', targetDescription: 'description' };

function alignmentLine(alignment: Alignment): string {
  return ALIGNMENT_PARTS.map((part) => alignment[part] ?? '')
    .join(' | ')
    .replace(/( \| )+$/, '');
}

/** The alignments textarea, one `name | url | framework | code` per non-blank line (checked afterwards by the API's schema). */
export function alignmentsFromText(text: string): Record<string, string>[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const split = line.split('|');
      const last = ALIGNMENT_PARTS.length - 1;
      const parts = [...split.slice(0, last), split.slice(last).join('|')].map((part) => part.trim());
      const alignment: Record<string, string> = {};
      ALIGNMENT_PARTS.forEach((name, index) => {
        if (parts[index]) alignment[name] = parts[index];
      });
      return alignment;
    });
}

/**
 * The schema's errors keyed by form field: a problem deep inside a field ("alignment.2.targetUrl") is shown next
 * to that field, saying which line and which part.
 */
export function badgeFormErrors(errors: Record<string, string>): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const [schemaKey, message] of Object.entries(errors)) {
    const key = RENAMED_ERROR_KEYS[schemaKey] ?? schemaKey;
    const [field, line, part] = key.split('.');
    const text = field === 'alignment' && line !== undefined ? `Line ${Number(line) + 1}${part ? `, ${ALIGNMENT_PART_LABELS[part] ?? part}` : ''}: ${message}` : message;
    byField[field!] ??= text;
  }
  return byField;
}
