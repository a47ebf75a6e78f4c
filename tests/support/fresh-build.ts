import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** What `astro build` reads: a change to any of these after the build leaves dist/ stale. */
export const BUILD_SOURCES = ['src', 'content', 'public', 'astro.config.mjs'];
/** Written by every `astro build` and run by `npm run serve`: its time is the build's time. */
export const BUILD_MARKER = 'dist/server/entry.mjs';

/** The most recently changed file or folder (a deleted file changes its folder) among the sources. */
function newestSource(root: string): { path: string; mtimeMs: number } | undefined {
  let newest: { path: string; mtimeMs: number } | undefined;
  const consider = (path: string) => {
    const { mtimeMs } = statSync(join(root, path));
    if (!newest || mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  };
  for (const source of BUILD_SOURCES) {
    if (!existsSync(join(root, source))) continue;
    consider(source);
    if (!statSync(join(root, source)).isDirectory()) continue;
    for (const entry of readdirSync(join(root, source), { recursive: true, encoding: 'utf8' })) consider(join(source, entry));
  }
  return newest;
}

/** Why the tests must not run against `<root>/dist/`, or undefined when it was built after its sources last changed. */
export function staleBuildReason(root: string): string | undefined {
  if (!existsSync(join(root, BUILD_MARKER))) return `dist/ has no build (${BUILD_MARKER} is missing): run npm run build`;
  const builtAt = statSync(join(root, BUILD_MARKER)).mtimeMs;
  const newest = newestSource(root);
  if (!newest || newest.mtimeMs <= builtAt) return undefined;
  const time = (ms: number) => new Date(ms).toISOString();
  return `dist/ is older than ${newest.path} (changed ${time(newest.mtimeMs)}, built ${time(builtAt)}): run npm run build`;
}

/**
 * Vitest global setup: server tests run `dist/`, so a build older than the sources would test code
 * that no longer exists. Fails the run before any test starts. `npm test` builds first.
 */
export default function assertFreshBuild(): void {
  const reason = staleBuildReason(resolve(import.meta.dirname, '../..'));
  if (reason) throw new Error(reason);
}
