import { describe, expect, test } from 'vitest';
import { MAX_MESSAGE_URLS, MAX_SEARCH_SKILLS, MAX_SKILL_CHARS } from '../limits';
import { MAX_VERIFY_URLS } from './verify';
import { contentMessageSchema } from './messages';
import { searchCatalogueMessageSchema } from './jobsites';

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

  test('catalogue searches take 1 to 30 skill phrases of up to 80 characters', () => {
    const search = (skills: unknown) => searchCatalogueMessageSchema.safeParse({ type: 'search-catalogue', skills }).success;
    expect(search(['GTAW'])).toBe(true);
    expect(search([])).toBe(false);
    expect(search(Array(MAX_SEARCH_SKILLS + 1).fill('TIG'))).toBe(false);
    expect(search(['x'.repeat(MAX_SKILL_CHARS + 1)])).toBe(false);
    expect(search([''])).toBe(false);
    expect(search('GTAW')).toBe(false);
  });
});
