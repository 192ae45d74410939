// The demo catalogue: invented organisations and people only (every address on a `.example` domain).
// Dates are days before the seeding time, so the demo stays "alive" whenever it is loaded.
import type { BadgeAttributeValue } from '../../../shared/schemas/attributes';
import { WELDING_SYNONYMS } from './welding-skills';
import type { Alignment, CreateBadgeClassInput, CreateIssuerInput, Requirement } from '../../../shared/schemas/badges';

export const DEMO_EARNER_EMAIL = 'demo@badgelens.example';

export interface DemoBadgeClass {
  /** Reference used by awards in this file; never stored. Unique across all issuers. */
  key: string;
  /** Requirements inline: the seed creates each requirement object once, by title and URL, shared by every badge listing it. */
  badge: Omit<CreateBadgeClassInput, 'requirements'> & { requirements?: Requirement[] };
}

export interface DemoIssuer {
  key: string;
  profile: CreateIssuerInput;
  badges: DemoBadgeClass[];
}

export interface DemoAward {
  badge: string;
  daysAgo: number;
  /** Left unclaimed by the earner; awards default to accepted. */
  pending?: boolean;
  revoked?: { reason: string; daysAgo: number };
  narrative?: string;
  evidenceUrl?: string;
  /** The value of the badge class's attribute (its years, level or volunteer flag). */
  attribute?: BadgeAttributeValue;
}

export interface DemoEarner {
  name: string;
  email: string;
  awards: DemoAward[];
  /** Skill badges the earner claimed for themselves ("Self-claimed — not verified"). */
  selfClaims?: { badge: string; daysAgo: number }[];
  /** Memberships on an issuer's roster (with the earner's address) that the earner has linked. */
  memberships?: DemoMembership[];
}

/** A roster entry of the issuer `issuer` (its key), linked by the earner: its badges follow it. */
export interface DemoMembership {
  issuer: string;
  memberId: string;
  sinceDaysAgo: number;
  level?: string;
  volunteer?: boolean;
  certifications?: { badge: string; sinceDaysAgo: number; yearsActive?: number }[];
}

export interface DemoData {
  issuers: DemoIssuer[];
  earners: DemoEarner[];
  /** Companies and schools (managed by the demo earner), and earners who opted in to be found. */
  matching?: DemoMatching;
  /** Synonym groups (the skill first), stored for each issuer whose badges declare the skill. */
  synonyms?: readonly (readonly string[])[];
}

/** Badges are named by their keys in this file. */
export interface DemoMatching {
  organisations: {
    kind: 'company' | 'school';
    name: string;
    slug: string;
    location: string;
    description: string;
    roles?: { title: string; location: string; required: string[]; preferred: string[]; postingUrl?: string }[];
    courses?: { title: string; format: 'online' | 'in_person'; location: string; startsInDays?: number; weeks?: number; url?: string; badges: string[] }[];
  }[];
  optIns: { email: string; jobSeeker: boolean; student: boolean; location: string; wants?: string[] }[];
}

// ---------------------------------------------------------------- Northbridge Welding Society

const NWS = 'https://northbridge-welding.example';

const NWS_LOGO =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">' +
      '<path d="M32 3 58 13v18c0 15-11 25-26 30C17 56 6 46 6 31V13z" fill="#1f3a5f"/>' +
      '<path d="M20 40l8-16 4 9 4-6 8 13z" fill="#f5a524"/>' +
      '<text x="32" y="52" font-family="sans-serif" font-size="9" font-weight="700" fill="#fff" text-anchor="middle">NWS</text>' +
      '</svg>',
  );

const bodyOfKnowledge = (code: string, name: string): Alignment => ({
  targetName: name,
  targetUrl: `${NWS}/body-of-knowledge#${code.toLowerCase()}`,
  targetFramework: 'Northbridge Welding Body of Knowledge',
  targetCode: code,
});

const FUNDAMENTALS_COURSE: Requirement = {
  kind: 'course',
  title: 'Welding Fundamentals Online Course',
  url: `${NWS}/learn/welding-fundamentals`,
};
const FUNDAMENTALS_SEMINAR: Requirement = {
  kind: 'seminar',
  title: 'Welding Fundamentals Seminar (instructor-led, two days)',
  url: `${NWS}/events/fundamentals-seminar`,
};

interface WeldingProcess {
  code: 'SMAW' | 'GTAW' | 'GMAW' | 'FCAW';
  name: string;
  synonyms: string[];
  covers: string;
}

const SMAW: WeldingProcess = {
  code: 'SMAW',
  name: 'shielded metal arc welding',
  synonyms: ['stick welding', 'shielded metal arc welding', 'MMA welding'],
  covers:
    'how the flux coating of a covered electrode shields the arc and forms slag, electrode classifications ' +
    '(for example E6010 against E7018), storage and re-baking of low-hydrogen electrodes, amperage and arc ' +
    'length, restarts and slag removal, and the typical discontinuities: slag inclusions, porosity and undercut',
};
const GTAW: WeldingProcess = {
  code: 'GTAW',
  name: 'gas tungsten arc welding',
  synonyms: ['TIG', 'TIG welding', 'gas tungsten arc welding', 'heliarc'],
  covers:
    'the non-consumable tungsten electrode and how to choose and grind it, argon and argon-helium shielding, ' +
    'DCEN for steels against AC for aluminum, hand-fed filler technique, back purging of stainless pipe, and ' +
    'the contamination that causes tungsten inclusions and sugaring',
};
const GMAW: WeldingProcess = {
  code: 'GMAW',
  name: 'gas metal arc welding',
  synonyms: ['MIG', 'MIG welding', 'MAG', 'gas metal arc welding', 'wire welding'],
  covers:
    'continuous solid-wire welding, the transfer modes (short-circuit, globular, spray and pulsed spray), ' +
    'shielding gas mixtures, wire feed speed and voltage, contact-tip-to-work distance, and why short-circuit ' +
    'transfer risks lack of fusion on thick sections',
};
const FCAW: WeldingProcess = {
  code: 'FCAW',
  name: 'flux-cored arc welding',
  synonyms: ['flux-cored', 'flux core', 'flux-cored arc welding', 'dual shield', 'FCAW-G', 'FCAW-S'],
  covers:
    'tubular wires with a flux core, gas-shielded against self-shielded wires, slag systems and all-position ' +
    'wires, drag angle and stick-out, fume generation and ventilation, and the wormhole porosity that poor ' +
    'shielding causes',
};

function processKnowledgeBadge(process: WeldingProcess, bokCode: string): DemoBadgeClass {
  const slug = process.code.toLowerCase();
  return {
    key: `${slug}-knowledge`,
    badge: {
      name: `${process.code} Process Knowledge`,
      description:
        `Understands ${process.name} (${process.code}, ${process.synonyms[0]}): ${process.covers}. ` +
        'A knowledge badge: it shows what the earner knows, not a practical qualification.',
      category: 'knowledge',
      criteria:
        'Earn it in any one of these ways. Complete the Welding Fundamentals Online Course and pass its final ' +
        'assessment with at least 80 % (the course earns the SMAW, GTAW, GMAW and FCAW knowledge badges together); ' +
        'or attend the instructor-led Welding Fundamentals Seminar; ' +
        `or pass the stand-alone ${process.code} Knowledge Quiz; ` +
        `or attend the ${process.code} process session at the Northbridge Welding Conference and pass its follow-up quiz.`,
      requirements: [
        FUNDAMENTALS_COURSE,
        FUNDAMENTALS_SEMINAR,
        { kind: 'quiz', title: `${process.code} Knowledge Quiz`, url: `${NWS}/learn/quizzes/${slug}` },
        { kind: 'conference', title: `${process.code} process session, Northbridge Welding Conference`, url: `${NWS}/conference` },
      ],
      skills: [process.code, ...process.synonyms, 'welding fundamentals'],
      alignment: [bodyOfKnowledge(bokCode, `${process.code} process fundamentals`)],
    },
  };
}

interface SkillTest {
  process: WeldingProcess;
  name: string;
  work: string;
  examination: string;
  extraSkills: string[];
}

function skillBadge(key: string, test: SkillTest): DemoBadgeClass {
  const { process } = test;
  return {
    key,
    badge: {
      name: test.name,
      description:
        `Has shown, on a witnessed test coupon, the hands-on ability to weld ${test.work} with ${process.name} ` +
        `(${process.code}, ${process.synonyms[0]}).`,
      category: 'skill',
      criteria:
        `Weld the test coupon for "${test.name}" to the society's published welding procedure specification at an ` +
        'accredited test facility, witnessed by a Certified Welding Inspector. The coupon must pass visual examination ' +
        `and ${test.examination}. Holders of the ${process.code} Process Knowledge badge may book the test directly; ` +
        'others first attend the hands-on workshop.',
      requirements: [
        { kind: 'other', title: 'Performance test at an accredited test facility', url: `${NWS}/testing/facilities` },
        { kind: 'seminar', title: `${process.code} hands-on workshop`, url: `${NWS}/events/workshops/${process.code.toLowerCase()}` },
      ],
      skills: [process.code, ...process.synonyms.slice(0, 2), ...test.extraSkills],
      alignment: [bodyOfKnowledge(`PQ-${process.code}`, `${process.code} performance qualification`)],
    },
  };
}

function careerBadge(years: number): DemoBadgeClass {
  return {
    key: `career-${years}-years`,
    badge: {
      name: `${years} Years in Welding`,
      description:
        `Recognises ${years} years of documented work in welding, fabrication, inspection or welding education.`,
      category: 'career',
      criteria:
        `Submit a record of at least ${years} years of welding-related employment, confirmed by employers or by a ` +
        'society member who supervised the work. Periods of training count at half their length.',
      requirements: [{ kind: 'other', title: 'Experience record form', url: `${NWS}/members/experience-record` }],
      skills: ['welding', 'fabrication', 'professional experience'],
    },
  };
}

const northbridgeWeldingSociety: DemoIssuer = {
  key: 'nws',
  profile: {
    name: 'Northbridge Welding Society',
    url: NWS,
    email: 'credentials@northbridge-welding.example',
    description:
      'A professional society for welders, welding inspectors, engineers and educators. It publishes the Northbridge ' +
      'Welding Body of Knowledge, runs performance tests through accredited facilities and certifies inspectors, ' +
      'supervisors and educators.',
    image: NWS_LOGO,
    linkedInOrganizationId: '90417326',
  },
  badges: [
    processKnowledgeBadge(SMAW, 'BOK-2.1'),
    processKnowledgeBadge(GTAW, 'BOK-2.2'),
    processKnowledgeBadge(GMAW, 'BOK-2.3'),
    processKnowledgeBadge(FCAW, 'BOK-2.4'),
    {
      key: 'welding-symbols',
      badge: {
        name: 'Welding Symbols and Blueprint Reading',
        description:
          'Reads fabrication drawings and welding symbols: reference line, arrow and other side, groove and fillet ' +
          'symbols, supplementary symbols (weld all around, field weld, contour), dimensions and tail notes.',
        category: 'knowledge',
        criteria: 'Complete the Blueprint Reading for Welders course and pass its drawing interpretation quiz (40 questions, 75 % to pass).',
        requirements: [
          { kind: 'course', title: 'Blueprint Reading for Welders', url: `${NWS}/learn/blueprint-reading` },
          { kind: 'quiz', title: 'Welding Symbols Quiz', url: `${NWS}/learn/quizzes/welding-symbols` },
        ],
        skills: ['welding symbols', 'blueprint reading', 'technical drawing', 'fabrication drawings'],
        alignment: [bodyOfKnowledge('BOK-1.3', 'Drawings and welding symbols')],
      },
    },
    {
      key: 'welding-metallurgy',
      badge: {
        name: 'Welding Metallurgy Fundamentals',
        description:
          'Understands what welding heat does to metals: the heat-affected zone, preheat and interpass temperature, ' +
          'hydrogen cracking, carbon equivalent, and why stainless and aluminum behave differently from carbon steel.',
        category: 'knowledge',
        criteria: 'Complete the Welding Metallurgy online module, or attend the metallurgy track at the annual conference, and pass the metallurgy quiz.',
        requirements: [
          { kind: 'course', title: 'Welding Metallurgy online module', url: `${NWS}/learn/metallurgy` },
          { kind: 'conference', title: 'Metallurgy track, Northbridge Welding Conference', url: `${NWS}/conference` },
          { kind: 'quiz', title: 'Welding Metallurgy Quiz', url: `${NWS}/learn/quizzes/metallurgy` },
        ],
        skills: ['welding metallurgy', 'metallurgy', 'preheat', 'heat-affected zone', 'HAZ'],
        alignment: [bodyOfKnowledge('BOK-3.1', 'Metallurgy for welding')],
      },
    },
    {
      key: 'weld-discontinuities',
      badge: {
        name: 'Weld Discontinuities and Defects',
        description:
          'Recognises weld discontinuities (porosity, slag inclusions, lack of fusion, incomplete penetration, ' +
          'cracks, undercut, overlap), knows their causes and when a discontinuity becomes a rejectable defect.',
        category: 'knowledge',
        criteria: 'Pass the Weld Discontinuities Quiz, which uses photographs and macro-etch sections of real test coupons.',
        requirements: [
          { kind: 'quiz', title: 'Weld Discontinuities Quiz', url: `${NWS}/learn/quizzes/discontinuities` },
          { kind: 'seminar', title: 'Weld Quality evening seminar', url: `${NWS}/events/weld-quality` },
        ],
        skills: ['weld defects', 'discontinuities', 'weld quality', 'quality control'],
        alignment: [bodyOfKnowledge('BOK-4.2', 'Discontinuities and acceptance criteria')],
      },
    },
    skillBadge('gtaw-pipe-6g', {
      process: GTAW,
      name: 'GTAW Pipe 6G',
      work: 'carbon and stainless steel pipe fixed at 45 degrees (6G), root to cap, in every position around the joint',
      examination: 'two face and two root bend tests, or radiography',
      extraSkills: ['pipe welding', '6G', 'open root', 'stainless steel'],
    }),
    skillBadge('gtaw-pipe-5g', {
      process: GTAW,
      name: 'GTAW Pipe 5G Horizontal Fixed',
      work: 'pipe with its axis horizontal and fixed (5G), welding uphill around the joint',
      examination: 'root and face bend tests',
      extraSkills: ['pipe welding', '5G', 'open root'],
    }),
    skillBadge('gtaw-aluminum-plate', {
      process: GTAW,
      name: 'GTAW Aluminum Plate 1G/2G',
      work: 'aluminum plate groove welds in the flat (1G) and horizontal (2G) positions with AC balance control',
      examination: 'macro-etch sections',
      extraSkills: ['aluminum welding', '1G', '2G', 'AC TIG'],
    }),
    skillBadge('smaw-plate-3g', {
      process: SMAW,
      name: 'SMAW Plate 3G Vertical',
      work: '10 mm carbon steel plate with a groove weld in the vertical-up position (3G) using low-hydrogen E7018 electrodes',
      examination: 'two side bend tests',
      extraSkills: ['structural welding', '3G', 'vertical welding', 'E7018'],
    }),
    skillBadge('smaw-plate-4g', {
      process: SMAW,
      name: 'SMAW Plate 4G Overhead',
      work: 'carbon steel plate with a groove weld in the overhead position (4G)',
      examination: 'two side bend tests',
      extraSkills: ['structural welding', '4G', 'overhead welding'],
    }),
    skillBadge('smaw-pipe-6g', {
      process: SMAW,
      name: 'SMAW Pipe 6G',
      work: 'carbon steel pipe at 45 degrees (6G) with an E6010 root and E7018 fill and cap',
      examination: 'two face and two root bend tests',
      extraSkills: ['pipe welding', '6G', 'E6010', 'pipeline'],
    }),
    skillBadge('gmaw-sheet-1f-2f', {
      process: GMAW,
      name: 'GMAW Sheet Metal 1F/2F',
      work: 'thin-gauge steel sheet (up to 3 mm) with fillet welds in the flat (1F) and horizontal (2F) positions without burn-through',
      examination: 'a fillet break test',
      extraSkills: ['sheet metal', '1F', '2F', 'short-circuit transfer'],
    }),
    skillBadge('gmaw-plate-3f', {
      process: GMAW,
      name: 'GMAW Plate 3F Vertical Fillet',
      work: 'carbon steel plate with fillet welds in the vertical-up position (3F)',
      examination: 'a fillet break test and a macro-etch section',
      extraSkills: ['3F', 'vertical welding', 'fillet welds'],
    }),
    skillBadge('gmaw-aluminum-2f', {
      process: GMAW,
      name: 'GMAW Aluminum Plate 2F',
      work: 'aluminum plate fillet welds in the horizontal position (2F) with pulsed spray transfer',
      examination: 'a fillet break test',
      extraSkills: ['aluminum welding', '2F', 'pulsed MIG'],
    }),
    skillBadge('fcaw-structural-4g', {
      process: FCAW,
      name: 'FCAW Structural 4G Overhead',
      work: 'structural steel plate (25 mm) with a groove weld in the overhead position (4G) using gas-shielded wire',
      examination: 'four side bend tests',
      extraSkills: ['structural welding', '4G', 'overhead welding', 'steel erection'],
    }),
    skillBadge('fcaw-structural-3g', {
      process: FCAW,
      name: 'FCAW Structural 3G Vertical',
      work: 'structural steel plate with a groove weld in the vertical-up position (3G)',
      examination: 'two side bend tests',
      extraSkills: ['structural welding', '3G', 'vertical welding'],
    }),
    skillBadge('fcaw-plate-2g', {
      process: FCAW,
      name: 'FCAW Plate 2G Horizontal',
      work: 'carbon steel plate with a groove weld in the horizontal position (2G) using self-shielded wire outdoors',
      examination: 'two side bend tests',
      extraSkills: ['2G', 'field welding', 'self-shielded wire'],
    }),
    {
      key: 'thermal-cutting',
      badge: {
        name: 'Oxy-Fuel and Plasma Cutting',
        description:
          'Cuts and bevels carbon steel with oxy-fuel and plasma arc equipment: sets up and leak-tests the torch, ' +
          'chooses tips and amperage, and produces square cuts and 30-degree bevels ready for welding.',
        category: 'skill',
        criteria: 'Produce the three practical cutting specimens (square cut, bevel, pierce-and-cut shape) within the tolerances of the cutting test sheet, witnessed by an instructor.',
        requirements: [
          { kind: 'seminar', title: 'Thermal cutting hands-on workshop', url: `${NWS}/events/workshops/cutting` },
          { kind: 'other', title: 'Cutting practical test', url: `${NWS}/testing/cutting` },
        ],
        skills: ['oxy-fuel cutting', 'OFC', 'plasma cutting', 'PAC', 'beveling', 'torch cutting'],
      },
    },
    {
      key: 'visual-weld-inspection',
      badge: {
        name: 'Visual Weld Inspection',
        description:
          'Inspects finished welds visually with gauges: measures fillet size, reinforcement and undercut, checks ' +
          'profiles against acceptance criteria and writes a clear inspection record.',
        category: 'skill',
        criteria: 'Inspect a set of ten sample welds with fillet and undercut gauges and reach the reference verdicts on at least nine, with a complete inspection record.',
        requirements: [
          { kind: 'seminar', title: 'Visual inspection practical workshop', url: `${NWS}/events/workshops/visual-inspection` },
          { kind: 'other', title: 'Practical inspection exercise', url: `${NWS}/testing/visual-inspection` },
        ],
        skills: ['visual inspection', 'VT', 'weld inspection', 'quality control', 'weld gauges'],
        alignment: [bodyOfKnowledge('BOK-4.1', 'Visual examination')],
      },
    },
    {
      key: 'certified-welding-inspector',
      badge: {
        name: 'Certified Welding Inspector',
        description:
          'Certified to inspect welded fabrication: verifies procedures and welder qualifications, examines welds ' +
          'before, during and after welding, judges them against code acceptance criteria and signs the inspection ' +
          'reports. Valid for three years; renewed by recertification.',
        category: 'certification',
        criteria:
          'Hold the required years of welding experience for your level of education, pass the three-part examination ' +
          '(fundamentals, practical and code application) and a vision test, and agree to the code of ethics. ' +
          'Recertify every three years.',
        requirements: [
          { kind: 'seminar', title: 'CWI preparation seminar (one week)', url: `${NWS}/certification/cwi/seminar` },
          { kind: 'other', title: 'CWI three-part examination', url: `${NWS}/certification/cwi/exam` },
          { kind: 'other', title: 'Vision test form', url: `${NWS}/certification/vision-test` },
        ],
        skills: ['CWI', 'welding inspection', 'weld inspection', 'quality assurance', 'code compliance', 'visual inspection'],
        alignment: [bodyOfKnowledge('CERT-CWI', 'Welding inspector certification scheme')],
        attribute: { kind: 'yearsActive', label: 'Years as CWI' },
        validityMonths: 36,
        offersCertificate: true,
      },
    },
    {
      key: 'certified-welding-educator',
      badge: {
        name: 'Certified Welding Educator',
        description:
          'Certified to teach welding: combines inspector-level welding knowledge with demonstrated teaching ' +
          'practice, lesson planning and safe workshop management.',
        category: 'certification',
        criteria:
          'Pass the fundamentals part of the inspector examination, document two years of welding instruction and ' +
          'submit an observed lesson. Recertify every three years.',
        requirements: [
          { kind: 'other', title: 'Educator certification application', url: `${NWS}/certification/educator` },
          { kind: 'seminar', title: 'Teaching Welding workshop', url: `${NWS}/events/teaching-welding` },
        ],
        skills: ['CWE', 'welding education', 'teaching', 'instruction', 'curriculum design'],
        validityMonths: 36,
        offersCertificate: true,
      },
    },
    {
      key: 'certified-welding-supervisor',
      badge: {
        name: 'Certified Welding Supervisor',
        description:
          'Certified to supervise welding production: plans welding work, controls procedures and consumables, ' +
          'manages quality and safety on the shop floor, and reduces rework.',
        category: 'certification',
        criteria: 'Document three years of supervisory experience and pass the supervisor examination. Valid for five years.',
        requirements: [
          { kind: 'course', title: 'Welding Supervision online course', url: `${NWS}/learn/supervision` },
          { kind: 'other', title: 'Supervisor examination', url: `${NWS}/certification/cws/exam` },
        ],
        skills: ['CWS', 'welding supervision', 'production planning', 'team leadership', 'quality management'],
        validityMonths: 60,
        offersCertificate: true,
      },
    },
    {
      key: 'certified-welder-structural',
      badge: {
        name: 'Certified Welder: Structural Steel',
        description:
          'A certified welder for structural steel: qualified by a performance test under the society\'s structural ' +
          'program and kept current by a continuity log that shows regular welding with the process.',
        category: 'certification',
        criteria: 'Pass the structural performance test at an accredited test facility. The certification must be renewed every year with an employer-signed continuity log.',
        requirements: [
          { kind: 'other', title: 'Structural performance test', url: `${NWS}/testing/structural` },
          { kind: 'other', title: 'Continuity log', url: `${NWS}/certification/continuity` },
        ],
        skills: ['certified welder', 'structural welding', 'SMAW', 'FCAW', 'stick welding', 'flux-cored'],
        attribute: { kind: 'yearsActive', label: 'Years certified' },
        validityMonths: 12,
        offersCertificate: true,
      },
    },
    {
      key: 'robotic-arc-welding-operator',
      badge: {
        name: 'Certified Robotic Arc Welding Operator',
        description:
          'Certified to set up and run robotic arc welding cells: loads and verifies programs, touches up paths, ' +
          'adjusts weld parameters and keeps the cell safe.',
        category: 'certification',
        criteria: 'Complete the robotic welding cell course and pass its written and practical examinations. Valid for three years.',
        requirements: [
          { kind: 'course', title: 'Robotic Welding Cell Operation', url: `${NWS}/learn/robotic-welding` },
          { kind: 'other', title: 'Robotic cell practical examination', url: `${NWS}/certification/robotic/exam` },
        ],
        skills: ['robotic welding', 'automation', 'GMAW', 'MIG', 'robot programming'],
        validityMonths: 36,
        offersCertificate: true,
      },
    },
    careerBadge(5),
    careerBadge(10),
    careerBadge(20),
    careerBadge(30),
    {
      key: 'mentor',
      badge: {
        name: 'Welding Mentor',
        description: 'Has mentored at least three apprentices or early-career welders through their first qualification.',
        category: 'career',
        criteria: 'Mentor at least three people through a society performance test; each mentee confirms the mentoring in writing.',
        requirements: [{ kind: 'other', title: 'Mentoring record', url: `${NWS}/members/mentoring` }],
        skills: ['mentoring', 'apprenticeship', 'coaching'],
      },
    },
    {
      key: 'student-member',
      badge: {
        name: 'Student Member',
        description: 'A student member of the Northbridge Welding Society, enrolled in a welding or engineering program.',
        category: 'membership',
        criteria: 'Be enrolled in a recognised welding, fabrication or engineering program and join the society as a student member.',
        requirements: [{ kind: 'other', title: 'Student membership', url: `${NWS}/join/student` }],
        skills: ['welding'],
        validityMonths: 12,
      },
    },
    {
      key: 'member',
      badge: {
        name: 'Member',
        description: 'A member in good standing of the Northbridge Welding Society.',
        category: 'membership',
        criteria: 'Join the society and keep the membership current.',
        requirements: [{ kind: 'other', title: 'Membership application', url: `${NWS}/join` }],
        skills: ['welding', 'professional membership'],
        attribute: { kind: 'level', label: 'Membership grade' },
      },
    },
    {
      key: 'senior-member',
      badge: {
        name: 'Senior Member',
        description: 'A senior member: at least ten years of membership and a record of professional contribution to welding.',
        category: 'membership',
        criteria: 'Ten years of continuous membership and nomination by two senior members or fellows.',
        requirements: [{ kind: 'other', title: 'Senior member nomination', url: `${NWS}/members/senior` }],
        skills: ['welding', 'professional membership'],
      },
    },
    {
      key: 'fellow',
      badge: {
        name: 'Fellow',
        description: 'The society\'s highest membership grade, for members whose work has advanced welding practice, education or safety.',
        category: 'membership',
        criteria: 'Elected by the board on the recommendation of the fellows committee after nomination by three fellows.',
        requirements: [{ kind: 'other', title: 'Fellows nomination guidance', url: `${NWS}/members/fellows` }],
        skills: ['welding', 'leadership', 'professional membership'],
      },
    },
    {
      key: 'section-officer',
      badge: {
        name: 'Section Officer (Volunteer)',
        description: 'Served a full term as an officer of a local section: chair, vice chair, secretary or treasurer.',
        category: 'membership',
        criteria: 'Serve a complete one-year term as a section officer; the section chair confirms the service.',
        requirements: [{ kind: 'other', title: 'Section volunteer roles', url: `${NWS}/sections/volunteer` }],
        attribute: { kind: 'volunteer', label: 'Volunteer' },
        skills: ['volunteering', 'leadership', 'event organisation'],
      },
    },
    {
      key: 'skills-competition-judge',
      badge: {
        name: 'Skills Competition Judge (Volunteer)',
        description: 'Volunteered as a judge at a regional or national student welding competition.',
        category: 'membership',
        criteria: 'Complete the judges\' briefing and judge at least one full competition day.',
        requirements: [
          { kind: 'seminar', title: 'Competition judges\' briefing', url: `${NWS}/competitions/judges` },
        ],
        skills: ['volunteering', 'weld assessment', 'mentoring'],
      },
    },
  ],
};

// ---------------------------------------------------------------- Lakeshore State Technical College Consortium

const LSTC = 'https://lakeshore-tech.example';

const lakeshoreConsortium: DemoIssuer = {
  key: 'lstc',
  profile: {
    name: 'Lakeshore State Technical College Consortium',
    url: LSTC,
    email: 'registrar@lakeshore-tech.example',
    description:
      'Seven public technical colleges sharing one welding and fabrication curriculum, from short certificates to a ' +
      'bachelor\'s degree in welding engineering technology.',
  },
  badges: [
    {
      key: 'welding-technology-certificate',
      badge: {
        name: 'Welding Technology Certificate',
        description:
          'Completed the two-semester Welding Technology Certificate: safety, blueprint reading, SMAW, GMAW, FCAW and ' +
          'GTAW on plate, and thermal cutting.',
        category: 'education',
        criteria: 'Complete all 30 credits of the certificate program with a grade of C or better in each welding course.',
        requirements: [{ kind: 'course', title: 'Welding Technology Certificate program', url: `${LSTC}/programs/welding-certificate` }],
        skills: ['welding', 'SMAW', 'GMAW', 'FCAW', 'GTAW', 'stick welding', 'MIG', 'TIG', 'flux-cored', 'fabrication'],
      },
    },
    {
      key: 'pipe-welding-certificate',
      badge: {
        name: 'Pipe Welding Specialist Certificate',
        description: 'Completed the one-semester pipe welding specialisation: open-root SMAW and GTAW pipe in 2G, 5G and 6G.',
        category: 'education',
        criteria: 'Complete the 15-credit specialisation, including the final 6G pipe project.',
        requirements: [{ kind: 'course', title: 'Pipe Welding Specialist program', url: `${LSTC}/programs/pipe-welding` }],
        skills: ['pipe welding', 'SMAW', 'GTAW', 'stick welding', 'TIG', '6G'],
      },
    },
    {
      key: 'nde-technician-certificate',
      badge: {
        name: 'Nondestructive Examination Technician Certificate',
        description: 'Completed training in visual, magnetic particle, liquid penetrant and ultrasonic examination of welds.',
        category: 'education',
        criteria: 'Complete the four NDE courses and their laboratory hours with a grade of C or better.',
        requirements: [{ kind: 'course', title: 'NDE Technician Certificate program', url: `${LSTC}/programs/nde` }],
        skills: ['NDE', 'NDT', 'ultrasonic testing', 'UT', 'magnetic particle testing', 'MT', 'penetrant testing', 'PT'],
      },
    },
    {
      key: 'aas-welding-technology',
      badge: {
        name: 'Associate of Applied Science in Welding Technology',
        description:
          'Earned the two-year associate degree in welding technology: all arc processes, metallurgy, inspection, ' +
          'fabrication planning and general education.',
        category: 'education',
        criteria: 'Complete the 60-credit associate degree program.',
        requirements: [{ kind: 'course', title: 'AAS Welding Technology program', url: `${LSTC}/programs/aas-welding` }],
        skills: ['welding', 'welding technology', 'metallurgy', 'fabrication', 'inspection'],
      },
    },
    {
      key: 'bs-welding-engineering-technology',
      badge: {
        name: 'Bachelor of Science in Welding Engineering Technology',
        description:
          'Earned the four-year bachelor\'s degree in welding engineering technology: welding design, procedure ' +
          'development, automation, codes and quality systems.',
        category: 'education',
        criteria: 'Complete the 120-credit bachelor program, including the senior capstone project with an industry partner.',
        requirements: [{ kind: 'course', title: 'BS Welding Engineering Technology program', url: `${LSTC}/programs/bs-welding-engineering-technology` }],
        skills: ['welding engineering', 'welding procedure development', 'WPS', 'automation', 'quality systems'],
      },
    },
    {
      key: 'shop-math',
      badge: {
        name: 'Shop Math for Welders',
        description: 'Uses fractions, metric conversion, angles and basic trigonometry to lay out and fit up welded parts.',
        category: 'knowledge',
        criteria: 'Pass the Shop Math for Welders course or its challenge quiz.',
        requirements: [
          { kind: 'course', title: 'Shop Math for Welders', url: `${LSTC}/courses/shop-math` },
          { kind: 'quiz', title: 'Shop Math challenge quiz', url: `${LSTC}/courses/shop-math/challenge` },
        ],
        skills: ['shop math', 'layout', 'fit-up', 'measurement'],
      },
    },
  ],
};

// ---------------------------------------------------------------- Ironclad Safety Training

const IST = 'https://ironclad-safety.example';

const ironcladSafety: DemoIssuer = {
  key: 'ist',
  profile: {
    name: 'Ironclad Safety Training',
    url: IST,
    email: 'courses@ironclad-safety.example',
    description: 'A training company for safety in metalworking, shipyards and construction sites.',
  },
  badges: [
    {
      key: 'hot-work-safety',
      badge: {
        name: 'Hot Work Safety',
        description:
          'Certified in hot work safety: permits, fire watch duties, removing and shielding combustibles, gas cylinder ' +
          'handling and what to do when a fire starts. Valid for one year.',
        category: 'certification',
        criteria: 'Attend the half-day hot work course and pass its written test and the extinguisher practical.',
        requirements: [
          { kind: 'course', title: 'Hot Work Safety course (half day)', url: `${IST}/courses/hot-work` },
          { kind: 'quiz', title: 'Hot work written test', url: `${IST}/courses/hot-work/test` },
        ],
        skills: ['hot work', 'fire safety', 'fire watch', 'workplace safety'],
        validityMonths: 12,
        offersCertificate: true,
      },
    },
    {
      key: 'confined-space-entrant',
      badge: {
        name: 'Confined Space Entrant',
        description: 'Trained to enter and work in permit-required confined spaces such as tanks and ship compartments. Valid for two years.',
        category: 'certification',
        criteria: 'Complete the confined space course including the rescue drill, and pass the written test.',
        requirements: [{ kind: 'course', title: 'Confined Space Entry course', url: `${IST}/courses/confined-space` }],
        skills: ['confined space', 'gas monitoring', 'workplace safety', 'shipyard'],
        validityMonths: 24,
        offersCertificate: true,
      },
    },
    {
      key: 'fume-ventilation-awareness',
      badge: {
        name: 'Welding Fume and Ventilation Awareness',
        description:
          'Knows the health effects of welding fume, which processes and metals produce the most hazardous fume, and ' +
          'how local exhaust ventilation and respirators control exposure.',
        category: 'knowledge',
        criteria: 'Complete the online fume awareness module and pass its quiz.',
        requirements: [
          { kind: 'course', title: 'Fume and Ventilation online module', url: `${IST}/courses/fume-awareness` },
          { kind: 'quiz', title: 'Fume awareness quiz', url: `${IST}/courses/fume-awareness/quiz` },
        ],
        skills: ['welding fume', 'ventilation', 'respiratory protection', 'occupational health'],
      },
    },
    {
      key: 'arc-flash-awareness',
      badge: {
        name: 'Arc Flash and Electrical Safety for Welders',
        description: 'Understands electric shock and arc radiation hazards in welding, safe cable and ground practices, and eye and skin protection.',
        category: 'knowledge',
        criteria: 'Attend the electrical safety toolbox seminar or complete the online module, and pass the quiz.',
        requirements: [
          { kind: 'seminar', title: 'Electrical safety toolbox seminar', url: `${IST}/courses/electrical-safety` },
          { kind: 'quiz', title: 'Electrical safety quiz', url: `${IST}/courses/electrical-safety/quiz` },
        ],
        skills: ['electrical safety', 'arc flash', 'PPE', 'workplace safety'],
      },
    },
    {
      key: 'fire-watch',
      badge: {
        name: 'Fire Watch Attendant',
        description: 'Has shown in a practical drill how to keep fire watch during and after hot work and how to use extinguishers correctly.',
        category: 'skill',
        criteria: 'Complete the fire watch practical drill, including putting out a live training fire with the right extinguisher.',
        requirements: [{ kind: 'other', title: 'Fire watch practical drill', url: `${IST}/courses/fire-watch` }],
        skills: ['fire watch', 'fire extinguishers', 'hot work', 'workplace safety'],
      },
    },
  ],
};

// ---------------------------------------------------------------- earners

const YEAR = 365;

/** The Welding Fundamentals Online Course earns the four process knowledge badges on the same day. */
function fundamentalsCourse(daysAgo: number, options: { pendingGtaw?: boolean } = {}): DemoAward[] {
  const narrative = 'Completed the Welding Fundamentals Online Course and passed the final assessment.';
  return [
    { badge: 'smaw-knowledge', daysAgo, narrative },
    { badge: 'gtaw-knowledge', daysAgo, narrative, pending: options.pendingGtaw },
    { badge: 'gmaw-knowledge', daysAgo, narrative },
    { badge: 'fcaw-knowledge', daysAgo, narrative },
  ];
}

// ---------------------------------------------------------------- companies, schools, opted-in earners

const demoMatching: DemoMatching = {
  organisations: [
    {
      kind: 'company',
      name: 'Harborline Fabrication',
      slug: 'harborline-fabrication',
      location: 'Port Alder',
      description: 'Structural steel and pressure piping for ports and bridges. Every role below says which badges it asks for.',
      roles: [
        {
          title: 'Structural welder',
          location: 'Port Alder',
          required: ['smaw-plate-3g', 'hot-work-safety'],
          preferred: ['smaw-plate-4g', 'fcaw-structural-3g', 'confined-space-entrant'],
          postingUrl: 'https://harborline-fabrication.example/careers/structural-welder',
        },
        { title: 'Weld inspector', location: 'Port Alder', required: ['certified-welding-inspector'], preferred: ['visual-weld-inspection', 'nde-technician-certificate'] },
      ],
    },
    {
      kind: 'school',
      name: 'Riverbend Weld Training',
      slug: 'riverbend-weld-training',
      location: 'Riverbend',
      description: 'Evening and online courses that prepare for the Northbridge Welding Society and Ironclad Safety badges.',
      courses: [
        { title: 'Visual weld inspection (online)', format: 'online', location: '', startsInDays: 21, weeks: 6, badges: ['visual-weld-inspection', 'weld-discontinuities'] },
        { title: 'Stick welding in position: 3G and 4G plate', format: 'in_person', location: 'Riverbend', startsInDays: 35, weeks: 10, badges: ['smaw-plate-3g', 'smaw-plate-4g'] },
        { title: 'Hot work and confined space safety day', format: 'in_person', location: 'Port Alder', startsInDays: 14, weeks: 1, badges: ['hot-work-safety', 'confined-space-entrant'] },
      ],
    },
  ],
  optIns: [
    { email: DEMO_EARNER_EMAIL, jobSeeker: true, student: true, location: 'Port Alder', wants: ['certified-welding-inspector'] },
    { email: 'zoe.angstrom@harbourfab.example', jobSeeker: true, student: false, location: 'Riverbend' },
    { email: 'mateo.fernandez@steelworks.example', jobSeeker: true, student: false, location: 'Port Alder' },
    { email: 'fatima.elidrissi@college.example', jobSeeker: false, student: true, location: 'Riverbend', wants: ['smaw-plate-3g', 'visual-weld-inspection'] },
    { email: 'hannah.reyes@college.example', jobSeeker: true, student: true, location: 'Port Alder', wants: ['hot-work-safety'] },
  ],
};

export const demoData: DemoData = {
  matching: demoMatching,
  issuers: [northbridgeWeldingSociety, lakeshoreConsortium, ironcladSafety],
  synonyms: WELDING_SYNONYMS,
  earners: [
    {
      name: 'Dana Demo',
      email: DEMO_EARNER_EMAIL,
      awards: [
        { badge: 'welding-technology-certificate', daysAgo: 3 * YEAR + 40 },
        { badge: 'confined-space-entrant', daysAgo: 2 * YEAR + 150 },
        ...fundamentalsCourse(2 * YEAR),
        { badge: 'member', daysAgo: 2 * YEAR - 30, attribute: 'Professional' },
        { badge: 'section-officer', daysAgo: YEAR - 10, attribute: true },
        { badge: 'gmaw-sheet-1f-2f', daysAgo: YEAR + 20, narrative: 'Passed the 1F/2F fillet break test on 16-gauge sheet.' },
        { badge: 'hot-work-safety', daysAgo: 120 },
        { badge: 'career-5-years', daysAgo: 60 },
        // The newest badge, not yet claimed: the demo shows what a pending badge looks like.
        { badge: 'fcaw-structural-4g', daysAgo: 5, pending: true },
      ],
      // A skill Dana says she has: shown as self-claimed until the society reports the test or the workshop.
      selfClaims: [{ badge: 'gtaw-pipe-6g', daysAgo: 30 }],
      // Her society membership, linked from "My account": the roster gives the Member badge its grade, the
      // Section Officer badge its volunteer flag (both held already, now kept up to date by the roster) and a
      // structural welder certification with its years.
      memberships: [
        {
          issuer: 'nws',
          memberId: 'NWS-104233',
          sinceDaysAgo: 2 * YEAR - 30,
          level: 'Professional',
          volunteer: true,
          certifications: [{ badge: 'certified-welder-structural', sinceDaysAgo: 2 * YEAR, yearsActive: 2 }],
        },
      ],
    },
    {
      name: 'Zoë Ångström',
      email: 'zoe.angstrom@harbourfab.example',
      awards: [
        ...fundamentalsCourse(5 * YEAR),
        { badge: 'gtaw-pipe-6g', daysAgo: 4 * YEAR },
        { badge: 'gtaw-aluminum-plate', daysAgo: 3 * YEAR },
        { badge: 'certified-welding-inspector', daysAgo: 2 * YEAR + 10, attribute: 12 },
        { badge: 'career-10-years', daysAgo: YEAR },
        { badge: 'senior-member', daysAgo: 200 },
      ],
    },
    {
      name: 'Mateo Fernández-Ruiz',
      email: 'mateo.fernandez@steelworks.example',
      awards: [
        { badge: 'smaw-plate-3g', daysAgo: 6 * YEAR },
        { badge: 'smaw-plate-4g', daysAgo: 6 * YEAR - 20 },
        { badge: 'fcaw-structural-3g', daysAgo: 3 * YEAR },
        { badge: 'certified-welder-structural', daysAgo: 150 },
        { badge: 'career-10-years', daysAgo: 2 * YEAR },
      ],
    },
    {
      name: 'Aoife Ní Bhriain',
      email: 'aoife.nibhriain@mail.example',
      awards: [
        { badge: 'student-member', daysAgo: 4 * YEAR },
        { badge: 'aas-welding-technology', daysAgo: 3 * YEAR + 100 },
        { badge: 'bs-welding-engineering-technology', daysAgo: YEAR + 100 },
        { badge: 'welding-metallurgy', daysAgo: 2 * YEAR },
        { badge: 'member', daysAgo: YEAR + 90 },
      ],
    },
    {
      name: 'Kwame Mensah-Boateng',
      email: 'kwame.mensah@inspect-pro.example',
      awards: [
        // Certified four and a half years ago and never renewed: the certification has expired.
        { badge: 'certified-welding-inspector', daysAgo: 4 * YEAR + 180 },
        { badge: 'visual-weld-inspection', daysAgo: 5 * YEAR },
        { badge: 'weld-discontinuities', daysAgo: 5 * YEAR - 30 },
        { badge: 'career-20-years', daysAgo: 3 * YEAR },
        { badge: 'senior-member', daysAgo: 6 * YEAR },
      ],
    },
    {
      name: 'Priya Raghunathan',
      email: 'priya.raghunathan@mail.example',
      awards: [
        ...fundamentalsCourse(YEAR + 200),
        { badge: 'welding-symbols', daysAgo: YEAR + 150 },
        { badge: 'robotic-arc-welding-operator', daysAgo: 300 },
        { badge: 'gmaw-plate-3f', daysAgo: 90 },
      ],
    },
    {
      name: 'Lars-Erik Sjöberg',
      email: 'lars-erik.sjoberg@shipyard.example',
      awards: [
        { badge: 'smaw-pipe-6g', daysAgo: 7 * YEAR },
        { badge: 'gtaw-pipe-5g', daysAgo: 5 * YEAR },
        { badge: 'hot-work-safety', daysAgo: YEAR + 160 },
        { badge: 'confined-space-entrant', daysAgo: 400 },
        { badge: 'career-30-years', daysAgo: 2 * YEAR },
        { badge: 'fellow', daysAgo: YEAR },
      ],
    },
    {
      name: 'Nguyễn Thị Lan',
      email: 'lan.nguyen@fabrication.example',
      awards: [
        { badge: 'welding-technology-certificate', daysAgo: 2 * YEAR + 60 },
        { badge: 'gmaw-sheet-1f-2f', daysAgo: 2 * YEAR },
        { badge: 'gmaw-aluminum-2f', daysAgo: YEAR + 30 },
        { badge: 'shop-math', daysAgo: 2 * YEAR + 200 },
        { badge: 'fume-ventilation-awareness', daysAgo: 45, pending: true },
      ],
    },
    {
      name: 'Oluwaseun Adébáyọ̀',
      email: 'seun.adebayo@mail.example',
      awards: [
        ...fundamentalsCourse(3 * YEAR),
        { badge: 'fcaw-plate-2g', daysAgo: 2 * YEAR + 100 },
        { badge: 'fcaw-structural-4g', daysAgo: 2 * YEAR },
        {
          badge: 'certified-welder-structural',
          daysAgo: 200,
          revoked: {
            reason: 'Issued in error: the performance test coupon failed its bend test on re-examination. A retest is scheduled.',
            daysAgo: 170,
          },
        },
      ],
    },
    {
      name: 'José María Ibáñez',
      email: 'jose.ibanez@steelworks.example',
      awards: [
        { badge: 'certified-welding-supervisor', daysAgo: 2 * YEAR },
        { badge: 'career-20-years', daysAgo: 4 * YEAR },
        { badge: 'mentor', daysAgo: 3 * YEAR },
        { badge: 'section-officer', daysAgo: YEAR + 50, attribute: true },
        { badge: 'senior-member', daysAgo: 5 * YEAR },
      ],
    },
    {
      name: 'Bjørn Hægstad',
      email: 'bjorn.haegstad@offshore.example',
      awards: [
        { badge: 'gtaw-pipe-6g', daysAgo: 3 * YEAR },
        { badge: 'smaw-pipe-6g', daysAgo: 3 * YEAR + 30 },
        { badge: 'pipe-welding-certificate', daysAgo: 4 * YEAR },
        { badge: 'confined-space-entrant', daysAgo: 200 },
      ],
    },
    {
      name: 'Fatima Zahra El Idrissi',
      email: 'fatima.elidrissi@college.example',
      awards: [
        { badge: 'certified-welding-educator', daysAgo: YEAR + 60 },
        { badge: 'aas-welding-technology', daysAgo: 8 * YEAR },
        { badge: 'skills-competition-judge', daysAgo: 100 },
        { badge: 'career-10-years', daysAgo: 3 * YEAR },
        { badge: 'member', daysAgo: 6 * YEAR },
      ],
    },
    {
      name: 'Wei-Lin Chen',
      email: 'weilin.chen@mail.example',
      awards: [
        ...fundamentalsCourse(300),
        { badge: 'gtaw-aluminum-plate', daysAgo: 80 },
        { badge: 'student-member', daysAgo: 250 },
      ],
    },
    {
      name: 'Małgorzata Wiśniewska',
      email: 'malgorzata.wisniewska@inspect-pro.example',
      awards: [
        { badge: 'nde-technician-certificate', daysAgo: 4 * YEAR },
        { badge: 'visual-weld-inspection', daysAgo: 3 * YEAR },
        { badge: 'certified-welding-inspector', daysAgo: YEAR - 20 },
        { badge: 'weld-discontinuities', daysAgo: 3 * YEAR },
      ],
    },
    {
      name: "Tomás O'Connell",
      email: 'tomas.oconnell@mail.example',
      awards: [
        { badge: 'smaw-plate-3g', daysAgo: 2 * YEAR },
        {
          badge: 'member',
          daysAgo: 2 * YEAR,
          revoked: { reason: 'Issued to the wrong recipient; the badge was reissued to the right member.', daysAgo: 2 * YEAR - 3 },
        },
        { badge: 'thermal-cutting', daysAgo: YEAR + 10 },
        { badge: 'arc-flash-awareness', daysAgo: 20, pending: true },
      ],
    },
    {
      name: 'Amara Okafor',
      email: 'amara.okafor@fabrication.example',
      awards: [
        ...fundamentalsCourse(2 * YEAR + 90),
        { badge: 'gmaw-plate-3f', daysAgo: 2 * YEAR },
        { badge: 'welding-symbols', daysAgo: YEAR + 300 },
        { badge: 'career-5-years', daysAgo: 150 },
      ],
    },
    {
      name: 'Søren Dalgaard',
      email: 'soren.dalgaard@shipyard.example',
      awards: [
        { badge: 'fcaw-structural-3g', daysAgo: 4 * YEAR },
        { badge: 'fcaw-structural-4g', daysAgo: 4 * YEAR - 15 },
        { badge: 'hot-work-safety', daysAgo: 30 },
        { badge: 'fire-watch', daysAgo: 30 },
        { badge: 'career-20-years', daysAgo: YEAR + 200 },
      ],
    },
    {
      name: 'Hannah Reyes-Whitfield',
      email: 'hannah.reyes@college.example',
      awards: [
        { badge: 'bs-welding-engineering-technology', daysAgo: 6 * YEAR },
        { badge: 'welding-metallurgy', daysAgo: 6 * YEAR + 40 },
        { badge: 'certified-welding-supervisor', daysAgo: 3 * YEAR },
        { badge: 'fellow', daysAgo: 200 },
        { badge: 'career-30-years', daysAgo: 2 * YEAR + 100 },
      ],
    },
    {
      name: 'Dmitri Sokolov',
      email: 'dmitri.sokolov@mail.example',
      awards: [
        { badge: 'smaw-plate-4g', daysAgo: 5 * YEAR },
        { badge: 'thermal-cutting', daysAgo: 5 * YEAR + 20 },
        { badge: 'mentor', daysAgo: YEAR },
        { badge: 'section-officer', daysAgo: 2 * YEAR },
      ],
    },
    {
      name: 'Émilie Beauchesne',
      email: 'emilie.beauchesne@mail.example',
      awards: [
        { badge: 'welding-technology-certificate', daysAgo: YEAR + 120 },
        ...fundamentalsCourse(YEAR + 60, { pendingGtaw: true }),
        { badge: 'shop-math', daysAgo: YEAR + 200 },
        { badge: 'student-member', daysAgo: YEAR + 250 },
      ],
    },
    {
      name: 'Rangi Te Awa',
      email: 'rangi.teawa@offshore.example',
      awards: [
        { badge: 'pipe-welding-certificate', daysAgo: 2 * YEAR },
        { badge: 'gtaw-pipe-5g', daysAgo: YEAR + 40 },
        { badge: 'smaw-pipe-6g', daysAgo: 150 },
        { badge: 'skills-competition-judge', daysAgo: 60 },
      ],
    },
  ],
};
