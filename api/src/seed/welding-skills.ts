// The demo catalogue's synonyms: groups of terms that name the same welding skill, the first being the
// skill's name as the demo badges declare it. The seed stores them for each demo issuer as data an issuer
// edits (PUT /api/v1/skills/:skill/synonyms); the code knows no trade's words.
// "stick" alone is left out on purpose: a posting asking to "stick to the schedule" is no welding job.

export const WELDING_SYNONYMS: readonly (readonly string[])[] = [
  ['GTAW', 'TIG', 'TIG welding', 'gas tungsten arc welding', 'gas tungsten arc', 'heliarc'],
  ['GMAW', 'MIG', 'MIG welding', 'MAG welding', 'gas metal arc welding', 'gas metal arc', 'wire welding'],
  ['SMAW', 'stick welding', 'shielded metal arc welding', 'shielded metal arc', 'MMA welding'],
  ['FCAW', 'flux-cored', 'flux-cored arc welding', 'flux core', 'flux core welding', 'dual shield'],
  ['SAW', 'submerged arc welding', 'submerged arc'],
  ['PAW', 'plasma arc welding'],
  ['OFC', 'oxy-fuel cutting', 'oxyfuel cutting', 'oxy-acetylene cutting', 'torch cutting'],
  ['PAC', 'plasma cutting', 'plasma arc cutting'],
  ['CWI', 'certified welding inspector', 'welding inspector'],
  ['CWS', 'certified welding supervisor'],
  ['CWE', 'certified welding educator'],
  ['NDT', 'NDE', 'non-destructive testing', 'nondestructive testing', 'non-destructive examination'],
  ['UT', 'ultrasonic testing', 'ultrasonic inspection'],
  ['MT', 'magnetic particle testing', 'magnetic particle inspection'],
  ['PT', 'penetrant testing', 'liquid penetrant testing', 'dye penetrant testing'],
  ['VT', 'visual inspection', 'visual testing', 'visual examination'],
  ['RT', 'radiographic testing', 'radiography'],
  ['HAZ', 'heat-affected zone'],
  ['WPS', 'welding procedure specification', 'welding procedures'],
  ['PPE', 'personal protective equipment'],
  ['LOTO', 'lockout/tagout', 'lockout tagout', 'lock-out tag-out'],
  ['blueprint reading', 'print reading', 'reading blueprints', 'blueprints', 'reading drawings'],
  ['welding symbols', 'weld symbols'],
  ['aluminum welding', 'aluminium welding'],
  ['aluminum', 'aluminium'],
  ['pipe welding', 'pipe welder'],
  ['structural welding', 'structural welder', 'structural steel welding'],
  ['fit-up', 'fitting up', 'fitup'],
  ['robotic welding', 'robot welding', 'welding robots'],
];
