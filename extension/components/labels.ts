// Words for values of the API's enumerations, in the reader's language.
import type { BadgeCategory } from '../../shared/schemas/verify';
import { t } from '../common/i18n';

/** Badge categories as the reader's language writes them ("Certification"). */
export function categoryLabel(category: BadgeCategory): string {
  switch (category) {
    case 'knowledge':
      return t('categoryKnowledge');
    case 'skill':
      return t('categorySkill');
    case 'certification':
      return t('categoryCertification');
    case 'career':
      return t('categoryCareer');
    case 'education':
      return t('categoryEducation');
    case 'membership':
      return t('categoryMembership');
  }
}
