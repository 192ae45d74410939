import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { withField } from '../src/http/issueMessages';
import { issuesOf } from '../src/http/errors';

const messages = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be refused');
  return issuesOf(result.error).map((issue) => withField(issue.path, issue.message));
};

describe('validation messages for people', () => {
  it('say what is wrong with each field in plain words, naming the field', () => {
    const schema = z.strictObject({
      name: z.string().min(1).max(5),
      count: z.number().int().min(1).max(10),
      tags: z.array(z.string()).max(2),
      kind: z.enum(['course', 'quiz']),
      email: z.email(),
    });
    expect(messages(schema, { count: 'x', tags: 'a', kind: 'film', email: 'nope', extra: 1 })).toEqual([
      'name is required',
      'count must be a number',
      'tags must be a list',
      'kind must be one of: course, quiz',
      'email must be an email address',
      '"extra" is not a field of this request',
    ]);
    expect(messages(schema, { name: '', count: 0, tags: ['a', 'b', 'c'], kind: 'quiz', email: 'a@b.example' })).toEqual([
      'name must not be empty',
      'count must be at least 1',
      'tags can have at most 2 items',
    ]);
    expect(messages(schema, { name: 'toolong', count: 11, tags: [], kind: 'quiz', email: 'a@b.example' })).toEqual([
      'name can have at most 5 characters',
      'count must be at most 10',
    ]);
  });

  it('keeps a message the schema wrote itself, and does not name a field twice', () => {
    const schema = z.object({ expires: z.string().refine(() => false, 'expires must be in the future'), email: z.string().email('must be an email address') });
    expect(messages(schema, { expires: 'x', email: 'x' })).toEqual(['expires must be in the future', 'email must be an email address']);
  });
});
