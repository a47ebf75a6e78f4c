import { afterEach, describe, expect, it, vi } from 'vitest';
import { oncePerBuild, oncePerBuildFor } from '../../src/collections/once-per-build.ts';

afterEach(() => vi.unstubAllEnvs());

describe('oncePerBuild and oncePerBuildFor', () => {
  it('load once in a build, every page sharing the result', async () => {
    vi.stubEnv('DEV', false);
    const load = vi.fn(async () => ['an', 'index']);
    const shared = oncePerBuild(load);
    expect(await Promise.all([shared(), shared(), shared()])).toEqual([
      ['an', 'index'],
      ['an', 'index'],
      ['an', 'index'],
    ]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it.each([
    { calls: ['a.png', 'a.png', 'a.png'], loads: ['a.png'] },
    { calls: ['a.png', 'b.png', 'a.png', 'b.png'], loads: ['a.png', 'b.png'] },
    { calls: ['a.png', 'A.png'], loads: ['a.png', 'A.png'] },
  ])('load once per key in a build: $calls → $loads', async ({ calls, loads }) => {
    vi.stubEnv('DEV', false);
    const load = vi.fn(async (src: string) => `sized ${src}`);
    const sized = oncePerBuildFor((src: string) => src, load);
    expect(await Promise.all(calls.map(sized))).toEqual(calls.map((src) => `sized ${src}`));
    expect(load.mock.calls.map(([src]) => src)).toEqual(loads);
  });

  it('load on every call under the dev server, where content changes between calls', async () => {
    vi.stubEnv('DEV', true);
    const load = vi.fn(async (src: string) => src);
    const sized = oncePerBuildFor((src: string) => src, load);
    await sized('a.png');
    await sized('a.png');
    expect(load).toHaveBeenCalledTimes(2);
    const whole = vi.fn(async () => 1);
    const shared = oncePerBuild(whole);
    await shared();
    await shared();
    expect(whole).toHaveBeenCalledTimes(2);
  });
});
