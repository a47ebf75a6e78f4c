import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clearAstroCache } from './build.ts';

describe('the build bench between two builds of a site', () => {
  const sites: string[] = [];
  afterEach(() => {
    for (const site of sites.splice(0)) rmSync(site, { recursive: true, force: true });
  });

  it('empties .astro/ of the content layer’s files and keeps only Astro’s optimised images', () => {
    const site = mkdtempSync(join(tmpdir(), 'lodestone-build-cache-'));
    sites.push(site);
    mkdirSync(join(site, '.astro/assets'), { recursive: true });
    mkdirSync(join(site, '.astro/collections'));
    writeFileSync(join(site, '.astro/assets/hero.abc_1x.webp'), 'webp');
    writeFileSync(join(site, '.astro/collections/articles.schema.json'), '{}');
    writeFileSync(join(site, '.astro/data-store.json'), '{}');
    writeFileSync(join(site, '.astro/content-modules.mjs'), '');

    clearAstroCache(site);

    expect(readdirSync(join(site, '.astro'))).toEqual(['assets']);
    expect(readdirSync(join(site, '.astro/assets'))).toEqual(['hero.abc_1x.webp']);
  });

  it('leaves a site that has not been built yet as it is', () => {
    const site = mkdtempSync(join(tmpdir(), 'lodestone-build-cache-'));
    sites.push(site);
    clearAstroCache(site);
    expect(readdirSync(site)).toEqual([]);
  });
});
