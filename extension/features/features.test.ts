import { describe, expect, test } from 'vitest';
import type { FeatureSite } from '../content/feature';
import { features, featuresBySite } from './index';

// Every file in this folder is a feature (besides the index and tests), Refined GitHub style.
const featureFiles = import.meta.glob<{ default: unknown }>(['./*.ts', './*.tsx', '!./index.ts', '!./*.test.ts', '!./*.test.tsx'], { eager: true });

describe('feature registry', () => {
  test('there are features', () => {
    expect(Object.keys(featureFiles).length).toBeGreaterThan(0);
  });

  test.each(Object.entries(featureFiles))('%s is registered, named by its id and documented', (file, module) => {
    const id = file.replace(/^\.\//, '').replace(/\.tsx?$/, '');
    expect(features).toContain(module.default);
    const feature = features.find((candidate) => candidate === module.default)!;
    expect(feature.id).toBe(id);
    expect(feature.description.length).toBeGreaterThan(20);
    expect(typeof feature.include).toBe('function');
    expect(typeof feature.init).toBe('function');
  });

  test('ids are unique', () => {
    expect(new Set(features.map((feature) => feature.id)).size).toBe(features.length);
  });

  test('each content script runs exactly the features that declare its site', () => {
    for (const [site, listed] of Object.entries(featuresBySite) as Array<[FeatureSite, readonly unknown[]]>) {
      const declared = features.filter((feature) => (typeof feature.site === 'string' ? feature.site === site : feature.site.includes(site)));
      expect(new Set(listed), site).toEqual(new Set(declared));
      expect(listed.length, site).toBe(declared.length);
    }
    expect(new Set(Object.values(featuresBySite).flat())).toEqual(new Set(features));
  });
});
