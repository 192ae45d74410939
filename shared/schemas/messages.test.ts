import { describe, expect, test } from 'vitest';
import { MAX_MESSAGE_URLS, MAX_POSTING_SECTION_CHARS, MAX_POSTING_SECTIONS, MAX_POSTING_TITLE_CHARS } from '../limits';
import { MAX_VERIFY_URLS } from './verify';
import { contentMessageSchema } from './messages';
import { matchPostingMessageSchema } from './jobsites';

const pageUrl = 'http://localhost:8787/assertions/q7Vt2mXk9LpR4sWd';

describe('content messages (validated by the background)', () => {
  test('the URL limit is the API’s', () => {
    expect(MAX_MESSAGE_URLS).toBe(MAX_VERIFY_URLS);
  });

  test('verify requests take 1 to 100 http(s) URLs', () => {
    expect(contentMessageSchema.safeParse({ type: 'verify-badges', urls: [pageUrl] }).success).toBe(true);
    expect(contentMessageSchema.safeParse({ type: 'verify-badges', urls: [pageUrl], fresh: true }).success).toBe(true);
    expect(contentMessageSchema.safeParse({ type: 'verify-badges', urls: [] }).success).toBe(false);
    expect(contentMessageSchema.safeParse({ type: 'verify-badges', urls: Array(101).fill(pageUrl) }).success).toBe(false);
    expect(contentMessageSchema.safeParse({ type: 'verify-badges', urls: ['javascript:alert(1)'] }).success).toBe(false);
    expect(contentMessageSchema.safeParse({ type: 'verify-badges', urls: [`${pageUrl}?${'x'.repeat(2048)}`] }).success).toBe(false);
    expect(contentMessageSchema.safeParse({ type: 'badge-image', url: `${pageUrl}/image` }).success).toBe(true);
    expect(contentMessageSchema.safeParse({ type: 'badge-image', url: 'file:///etc/passwd' }).success).toBe(false);
    expect(contentMessageSchema.safeParse({ type: 'delete-everything' }).success).toBe(false);
  });

  test('postings to match carry a title and up to 20 sections of bounded text, nothing else', () => {
    const match = (posting: unknown) => matchPostingMessageSchema.safeParse({ type: 'match-posting', posting }).success;
    expect(match({ title: 'Nurse', sections: ['IV therapy'] })).toBe(true);
    expect(match({ title: 'Nurse', sections: [] })).toBe(true);
    expect(match({ title: 'x'.repeat(MAX_POSTING_TITLE_CHARS + 1), sections: [] })).toBe(false);
    expect(match({ title: '', sections: Array(MAX_POSTING_SECTIONS + 1).fill('a') })).toBe(false);
    expect(match({ title: '', sections: ['x'.repeat(MAX_POSTING_SECTION_CHARS + 1)] })).toBe(false);
    expect(match({ title: 'Nurse' })).toBe(false);
    expect(match('Nurse')).toBe(false);
  });
});
