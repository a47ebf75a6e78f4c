import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_MARKER, staleBuildReason } from './fresh-build.ts';

const BUILT_AT = new Date('2026-12-01T12:00:00Z');
const BEFORE = new Date('2026-12-01T11:00:00Z');
const AFTER = new Date('2026-12-01T12:00:01Z');

describe('staleBuildReason', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A project whose sources all changed before the build, except `changed`, touched at `at`. */
  function project(changed?: string, at = AFTER): string {
    root = mkdtempSync(join(tmpdir(), 'lodestone-fresh-build-'));
    const files = ['src/pages/index.astro', 'src/leads/link-token.ts', 'content/articles/speed-to-lead.mdx', 'public/robots.txt', 'astro.config.mjs'];
    for (const file of [...files, BUILD_MARKER]) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), '');
    }
    for (const path of [...files, 'src/pages', 'src/leads', 'src', 'content/articles', 'content', 'public'])
      utimesSync(join(root, path), BEFORE, BEFORE);
    utimesSync(join(root, BUILD_MARKER), BUILT_AT, BUILT_AT);
    if (changed) utimesSync(join(root, changed), at, at);
    return root;
  }

  it('passes a build newer than every source', () => {
    expect(staleBuildReason(project())).toBeUndefined();
  });

  it('passes a source changed in the same instant as the build', () => {
    expect(staleBuildReason(project('src/leads/link-token.ts', BUILT_AT))).toBeUndefined();
  });

  it.each([['src/leads/link-token.ts'], ['content/articles/speed-to-lead.mdx'], ['public/robots.txt'], ['astro.config.mjs'], ['src/leads']])(
    'fails when %s changed after the build, naming it',
    (changed) => {
      expect(staleBuildReason(project(changed))).toBe(
        `dist/ is older than ${changed} (changed 2026-12-01T12:00:01.000Z, built 2026-12-01T12:00:00.000Z): run npm run build`,
      );
    },
  );

  it('fails when there is no build', () => {
    rmSync(join(project(), 'dist'), { recursive: true });
    expect(staleBuildReason(root)).toBe('dist/ has no build (dist/server/entry.mjs is missing): run npm run build');
  });
});
