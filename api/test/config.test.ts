import { describe, expect, it } from 'vitest';
import { loadConfig, normalisePublicUrl } from '../src/config';

describe('config', () => {
  it('defaults to port 8787, localhost public URL and ./data/badgelens.db', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8787);
    expect(config.publicUrl).toBe('http://localhost:8787');
    expect(config.databasePath.endsWith('/data/badgelens.db')).toBe(true);
  });

  it('reads PORT, PUBLIC_URL and DATABASE_PATH', () => {
    const config = loadConfig({ PORT: '9000', PUBLIC_URL: 'https://badges.example.org/', DATABASE_PATH: '/tmp/x.db' });
    expect(config).toEqual({ port: 9000, publicUrl: 'https://badges.example.org', databasePath: '/tmp/x.db' });
  });

  it('keeps a path prefix but drops trailing slashes, and refuses what cannot be a public base', () => {
    expect(normalisePublicUrl('https://example.org/badges//')).toBe('https://example.org/badges');
    expect(() => normalisePublicUrl('ftp://example.org')).toThrow(/http/);
    expect(() => normalisePublicUrl('not a url')).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
