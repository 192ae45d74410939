// A badge's level or years in the reader's words: "12 years", "1 year", "Gold", "Volunteer".
import type { BadgeAttributeResult } from '../../shared/schemas/attributes';
import { plural, t } from './i18n';

/** The value to show; null when there is nothing to say (no attribute, or a volunteer flag that is not set). */
export function attributeValueLabel(attribute: BadgeAttributeResult | undefined | null): string | null {
  if (!attribute) return null;
  const { kind, value } = attribute;
  if ((kind === 'yearsActive' || kind === 'yearsExperience') && typeof value === 'number') {
    return plural(value, { one: () => t('attributeYearsOne', value), other: () => t('attributeYearsOther', value) });
  }
  if (kind === 'volunteer') return value === true ? t('attributeVolunteer') : null;
  return typeof value === 'string' && value !== '' ? value : null;
}

/** "CWI · 12 years": the badge's name with its value; null when it carries none to show. */
export function attributeLine(badgeName: string, attribute: BadgeAttributeResult | undefined | null): string | null {
  const value = attributeValueLabel(attribute);
  return value ? t('attributeLine', badgeName, value) : null;
}
