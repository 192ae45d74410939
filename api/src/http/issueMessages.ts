import { z } from 'zod';

// Validation messages for people: zod's own ("Invalid input: expected string, received undefined")
// are written for programmers. Schemas that give their own message keep it; these fill in the rest.

type RawIssue = Parameters<NonNullable<z.core.$ZodConfig['customError']>>[0];

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
  null: 'null',
};

const FORMAT_WORDS: Record<string, string> = {
  email: 'an email address',
  url: 'a URL',
  uuid: 'a UUID',
  datetime: 'an ISO 8601 date-time with a time zone, like 2027-06-30T12:00:00Z',
  date: 'a date, like 2027-06-30',
};

const count = (n: number | bigint, one: string, many: string) => `${n} ${n === 1 || n === 1n ? one : many}`;

function sizeWords(origin: string, bound: number | bigint): string {
  if (origin === 'string') return count(bound, 'character', 'characters');
  if (origin === 'array' || origin === 'set') return count(bound, 'item', 'items');
  return String(bound);
}

/** The message for a zod issue that its schema left to the default, or undefined to keep zod's. */
export function peopleMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `${issue.keys.map((key) => `"${key}"`).join(', ')} ${issue.keys.length === 1 ? 'is not a field' : 'are not fields'} of this request`;
    case 'too_small': {
      const bound = sizeWords(issue.origin, issue.minimum);
      if (issue.origin === 'string' && issue.minimum === 1) return 'must not be empty';
      if (issue.exact) return `must have exactly ${bound}`;
      if (issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set') return `must have at least ${bound}`;
      return issue.inclusive === false ? `must be more than ${bound}` : `must be at least ${bound}`;
    }
    case 'too_big': {
      const bound = sizeWords(issue.origin, issue.maximum);
      if (issue.exact) return `must have exactly ${bound}`;
      if (issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set') return `can have at most ${bound}`;
      return issue.inclusive === false ? `must be less than ${bound}` : `must be at most ${bound}`;
    }
    case 'invalid_format':
      return `must be ${FORMAT_WORDS[issue.format] ?? `in the ${issue.format} format`}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_union':
      return 'is not in any of the accepted forms';
    default:
      return undefined;
  }
}

z.config({ customError: peopleMessage });

/** "name is required"; a message that already names its field, or an issue about the whole object, stays as it is. */
export function withField(path: string, message: string): string {
  return path === '' || message.startsWith(path) ? message : `${path} ${message}`;
}
