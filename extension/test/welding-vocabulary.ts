// Test helper: the welding words the site adapters' fixtures are read with, as a catalogue's vocabulary
// would give them (the demo's synonym groups, and plain skills its badges could declare). The names
// returned are each group's skill: what a badge class would declare.
import { WELDING_SYNONYMS } from '../../api/src/seed/welding-skills';
import { createPostingMatcher, type PostingText, type VocabularySkill } from '../../shared/skills';

const PLAIN_SKILLS: readonly string[] = [
  'welding', 'welding fundamentals', 'welding technology', 'welding inspection', 'weld inspection', 'inspection',
  'welding supervision', 'welding education', 'welding engineering', 'welding metallurgy', 'metallurgy',
  'fabrication', 'metal fabrication', 'fabrication drawings', 'technical drawing', 'sheet metal', 'stainless steel',
  'carbon steel', 'steel erection', 'pipeline', 'pipefitting', 'pipe fitting', 'open root', 'fillet welds',
  'groove welds', 'vertical welding', 'overhead welding', 'field welding', 'orbital welding', 'pulsed MIG', 'AC TIG',
  'short-circuit transfer', 'self-shielded wire', 'E7018', 'E6010', 'weld defects', 'weld quality',
  'discontinuities', 'quality control', 'quality assurance', 'quality management', 'quality systems',
  'code compliance', 'weld gauges', 'bend test', 'preheat', 'brazing', 'soldering', 'grinding', 'beveling',
  'thermal cutting', 'machining', 'CNC', 'rigging', 'forklift', 'shop math', 'layout', 'measurement',
  'confined space', 'hot work', 'fire watch', 'fire safety', 'workplace safety', 'electrical safety', 'arc flash',
  'fall protection', 'gas monitoring', 'respiratory protection', 'ventilation', 'welding fume', 'OSHA 10',
  'OSHA 30', 'first aid', 'CPR', 'shipyard', 'automation', 'robot programming', 'production planning',
  'team leadership', 'leadership', 'mentoring', 'coaching', 'apprenticeship', 'teaching', 'curriculum design',
  'certified welder', 'welding procedure development',
  '1G', '2G', '3G', '4G', '5G', '6G', '1F', '2F', '3F', '4F',
];

const vocabulary: VocabularySkill[] = [
  ...WELDING_SYNONYMS.map(([skill, ...synonyms]) => ({ skill, synonyms, badgeIds: [skill] })),
  ...PLAIN_SKILLS.map((skill) => ({ skill, synonyms: [], badgeIds: [skill] })),
];

/** The welding skills a posting relates to, most mentioned first. */
export const weldingSkillsOf: (posting: PostingText) => string[] = ((match) => (posting) => match(posting).map((related) => related.badgeId))(
  createPostingMatcher(vocabulary),
);
