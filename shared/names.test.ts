import { describe, expect, it, test } from 'vitest';
import { compareNames, nameTokens, splitFullName } from './names';

// [recipient name on the badge, name on the profile, expected]
const cases: Array<[string, string, 'match' | 'mismatch' | 'unknown']> = [
  ['Jane Doe', 'Jane Doe', 'match'],
  ['jane doe', 'JANE DOE', 'match'],
  ['José Álvarez', 'Jose Alvarez', 'match'],
  ['Zoë Müller', 'Zoe Muller', 'match'],
  ['Jürgen Weiß', 'Jurgen Weiss', 'match'],
  ['Jane Quinn Doe', 'Jane Doe', 'match'],
  ['Jane Doe', 'Jane Q. Doe', 'match'],
  ['J. Doe', 'Jane Doe', 'match'],
  ['Jane Doe', 'Jane D.', 'match'],
  ['Doe, Jane', 'Jane Doe', 'match'],
  ['Jane Doe', 'Doe, Jane Q.', 'match'],
  ['Dr. Jane Doe', 'Jane Doe', 'match'],
  ['Jane Doe', 'Prof. Dr. Jane Doe', 'match'],
  ['Jane Doe', 'Jane Doe, PhD', 'match'],
  ['Jane Doe', 'Jane Doe, MBA, PMP', 'match'],
  ['Jane Doe Jr.', 'Jane Doe', 'match'],
  ['Mary-Jane O’Neil', 'Mary Jane ONeil', 'match'],
  ['Gabriel García Márquez', 'Gabriel García', 'match'],
  ['Jane Doe 🚀', 'Jane Doe', 'match'],
  ['Ms Jane Doe', 'Jane Doe', 'match'],
  ['Jane Doe', 'John Doe', 'mismatch'],
  ['Jane Doe', 'Jane Smith', 'mismatch'],
  ['Jane Doe', 'K. Doe', 'mismatch'],
  ['Doe, Jane', 'Doe Jane Smith', 'mismatch'],
  ['Priya Raman', 'Rahul Raman', 'mismatch'],
  ['Madonna', 'Madonna', 'match'],
  ['Madonna', 'Madonna Ciccone', 'mismatch'],
  ['Jane Doe', '', 'unknown'],
  ['', 'Jane Doe', 'unknown'],
  ['Jane Doe', '🚀', 'unknown'],
];

describe('compareNames', () => {
  test.each(cases)('%s ~ %s → %s', (recipient, profile, expected) => {
    expect(compareNames(recipient, profile)).toBe(expected);
  });

  test('is symmetric on the table', () => {
    for (const [recipient, profile, expected] of cases) {
      expect(compareNames(profile, recipient), `${profile} ~ ${recipient}`).toBe(expected);
    }
  });
});

describe('nameTokens', () => {
  test('normalises case, accents, titles, post-nominals and "Last, First"', () => {
    expect(nameTokens('Dr. Renée  Dubois-Laurent, PhD')).toEqual(['renee', 'dubois', 'laurent']);
    expect(nameTokens('Laurent, Renée')).toEqual(['renee', 'laurent']);
  });
});

describe('splitFullName', () => {
  it('takes the first word as the first name and the rest as the last name', () => {
    expect(splitFullName(' Ana  María Ruiz ')).toEqual({ firstName: 'Ana', lastName: 'María Ruiz' });
    expect(splitFullName('Cher')).toEqual({ firstName: 'Cher', lastName: '' });
    expect(splitFullName('  ')).toEqual({ firstName: '', lastName: '' });
  });
});
