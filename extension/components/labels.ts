// Words for values of the API's enumerations, in the reader's language.
import type { CheckedBy } from '../../shared/schemas/messages';
import type { BadgeCategory, VerifySource } from '../../shared/schemas/verify';
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

/** Where a badge lives and in which form: "Credly · Open Badges 2.0". */
export function sourceLabel(source: VerifySource): string {
  const platform = {
    badgelens: () => t('platformBadgeLens'),
    credly: () => t('platformCredly'),
    accredible: () => t('platformAccredible'),
    badgr: () => t('platformBadgr'),
    openbadges: () => t('platformOpenBadges'),
  }[source.platform]();
  if (!source.format) return platform;
  return `${platform}${t('summarySeparator')}${source.format === 'ob3' ? t('formatOb3') : t('formatOb2')}`;
}

/** Who checked a result: "Checked in your browser", "Checked by badges.example". */
export function checkedByLabel(checkedBy: CheckedBy): string {
  return checkedBy.kind === 'browser' ? t('overlayCheckedInBrowser') : t('overlayCheckedBy', checkedBy.host);
}
