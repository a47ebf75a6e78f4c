/**
 * `npm run bench:build`: wall time and peak RSS of `astro build` for Lodestone holding N generated
 * articles (BENCH_ARTICLES, 1,000 by default) beside a bare Astro + MDX site holding the same
 * articles, alternately, `runs` times, each with its content cold (no dist/, and nothing in .astro/
 * but Astro's image cache, which a rebuild keeps as it keeps the share images); the first Lodestone
 * build, measured apart, starts with every cache empty. Targets: at most
 * 1.25× the bare build's time and peak RSS. Exits 0 either way: it measures, it does not judge.
 * BENCH_BUILD_KEEP=1 keeps both sites and their last build logs (`build.log`) to look into.
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  createWriteStream,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_CACHE } from '../../src/collections/build-cache.ts';
import { generatedArticle, generatedName } from './article-generator.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** What a Lodestone build reads besides node_modules. */
const PROJECT_FILES = ['src', 'content', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'];
/** The shipped article whose frontmatter every generated article copies: it places a magnet and has an FAQ. */
const TEMPLATE_ARTICLE = 'email-nurture-sequences';
export const TARGET_RATIO = 1.25;

/** The bare site: what a new Astro + MDX user would write to publish the same articles. */
export const BARE_SITE: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'bare-astro-mdx', private: true, type: 'module' }),
  'astro.config.mjs': [
    "import { defineConfig } from 'astro/config';",
    "import mdx from '@astrojs/mdx';",
    '',
    'export default defineConfig({',
    "  site: 'http://localhost:4321',",
    '  integrations: [mdx()],',
    "  cacheDir: './.astro',",
    '  // As in Lodestone: printing the note on every MDX module would slow the floor down by itself.',
    "  vite: { build: { rollupOptions: { onwarn: (warning, warn) => warning.code !== 'MODULE_LEVEL_DIRECTIVE' && warn(warning) } } },",
    '});',
    '',
  ].join('\n'),
  'src/content.config.ts': [
    "import { defineCollection } from 'astro:content';",
    "import { glob } from 'astro/loaders';",
    "import { z } from 'astro/zod';",
    '',
    'const articles = defineCollection({',
    "  loader: glob({ pattern: '**/*.mdx', base: './content/articles' }),",
    '  schema: z.object({ title: z.string(), description: z.string(), published: z.coerce.date(), tags: z.array(z.string()) }),',
    '});',
    '',
    'export const collections = { articles };',
    '',
  ].join('\n'),
  'src/pages/[...slug].astro': [
    '---',
    "import { getCollection, render } from 'astro:content';",
    '',
    'export async function getStaticPaths() {',
    "  const articles = await getCollection('articles');",
    '  return articles.map((article) => ({ params: { slug: article.id }, props: { article } }));',
    '}',
    '',
    'const { article } = Astro.props;',
    'const { Content } = await render(article);',
    '---',
    '',
    '<!doctype html>',
    '<html lang="en">',
    '  <head>',
    '    <meta charset="utf-8" />',
    '    <title>{article.data.title}</title>',
    '    <meta name="description" content={article.data.description} />',
    '  </head>',
    '  <body>',
    '    <h1>{article.data.title}</h1>',
    '    <Content />',
    '  </body>',
    '</html>',
    '',
  ].join('\n'),
};

export interface BuildRun {
  seconds: number;
  /** User + system CPU seconds of the build and its children: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  peakRssBytes: number;
  pages: number;
}

export interface BuildFigures {
  articles: number;
  bare: BuildRun[];
  /** Lodestone builds with the share images, PDFs and optimised pictures of a previous build in their caches, as any rebuild has them. */
  lodestone: BuildRun[];
  /** The first Lodestone build, every cache empty: each article's card drawn, each magnet typeset, each picture optimised. */
  lodestoneColdCache: BuildRun;
  /** `npm run check:content` over the same copy, which every build also runs: wall and CPU seconds. */
  contentChecks: { seconds: number; cpuSeconds: number };
  /** Mean Lodestone time over mean bare time. */
  timeRatio: number;
  /** Mean Lodestone CPU time over mean bare CPU time. */
  cpuRatio: number;
  /** Mean Lodestone peak RSS over mean bare peak RSS. */
  rssRatio: number;
}

/** Resident memory of a process and all its descendants, in bytes, or 0 once it has exited. */
function treeRss(pid: number): number {
  let bytes = 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    bytes += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(' ') : []) bytes += treeRss(Number(child));
    }
  } catch {
    // The process ended between two reads.
  }
  return bytes;
}

/** Every `.html` file under `directory`. */
function countPages(directory: string): number {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html')).length;
}

/** Astro's cache of optimised images, inside the cache directory (`.astro/` in both sites). */
const IMAGE_CACHE = 'assets';

/**
 * Empties `.astro/` (the content layer's data store, its modules and types) but for Astro's image
 * cache, which a rebuild finds as it finds the share images in Lodestone's build cache.
 */
export function clearAstroCache(site: string): void {
  const cache = join(site, '.astro');
  if (!existsSync(cache)) return;
  for (const entry of readdirSync(cache)) if (entry !== IMAGE_CACHE) rmSync(join(cache, entry), { recursive: true, force: true });
}

/** One `astro build` in `site` with its content cold: wall time, peak RSS of the process tree (polled every 50 ms) and pages written. */
async function build(site: string, pagesDirectory: string): Promise<BuildRun> {
  rmSync(join(site, 'dist'), { recursive: true, force: true });
  clearAstroCache(site);
  const log = join(site, 'build.log');
  const times = join(site, 'build.times');
  const output = createWriteStream(log);
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%U %S', '-o', times, process.execPath, join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: site,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(output);
  child.stderr.pipe(output);
  let peakRssBytes = 0;
  const poll = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, treeRss(child.pid!));
  }, 50);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(poll);
  if (code !== 0) {
    const tail = readFileSync(log, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`astro build in ${site} exited with ${code}:\n${tail}`);
  }
  const [user, system] = readFileSync(times, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { seconds, cpuSeconds: user! + system!, peakRssBytes, pages: countPages(join(site, pagesDirectory)) };
}

/** Wall and CPU seconds of `npm run check:content` (the checks every build runs) in `site`. */
async function timeContentChecks(site: string): Promise<{ seconds: number; cpuSeconds: number }> {
  const times = join(site, 'check.times');
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%U %S', '-o', times, process.execPath, 'src/cli/check-content.ts'], { cwd: site, stdio: 'ignore' });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) throw new Error(`npm run check:content in ${site} exited with ${code}`);
  const [user, system] = readFileSync(times, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: user! + system! };
}

/**
 * The project's packages, each linked into the copy's own `node_modules`, so that what a build keeps
 * in `node_modules/.cache` (the share images) is the copy's, not the project's.
 */
function linkPackages(site: string): void {
  mkdirSync(join(site, 'node_modules'));
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry !== '.cache') symlinkSync(join(ROOT, 'node_modules', entry), join(site, 'node_modules', entry));
  }
}

/** Writes `count` generated articles into `directory`. */
function writeArticles(directory: string, count: number, template: string): void {
  mkdirSync(directory, { recursive: true });
  for (let index = 1; index <= count; index++) {
    writeFileSync(join(directory, `${generatedName(index)}.mdx`), generatedArticle(template, index, count));
  }
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Builds Lodestone and the bare site with the same `articles` generated articles, alternately, `runs` times each. */
export async function measureBuild({ articles = 1000, runs = 2, keep = false } = {}): Promise<BuildFigures> {
  const directory = mkdtempSync(join(tmpdir(), 'lodestone-build-bench-'));
  try {
    const template = readFileSync(join(ROOT, 'content/articles', `${TEMPLATE_ARTICLE}.mdx`), 'utf8');
    const lodestoneSite = join(directory, 'lodestone');
    for (const file of PROJECT_FILES) cpSync(join(ROOT, file), join(lodestoneSite, file), { recursive: true });
    linkPackages(lodestoneSite);
    writeArticles(join(lodestoneSite, 'content/articles/bench'), articles, template);

    const bareSite = join(directory, 'bare');
    for (const [file, text] of Object.entries(BARE_SITE)) {
      mkdirSync(join(bareSite, file, '..'), { recursive: true });
      writeFileSync(join(bareSite, file), text);
    }
    symlinkSync(join(ROOT, 'node_modules'), join(bareSite, 'node_modules'));
    writeArticles(join(bareSite, 'content/articles'), articles, template);

    // Every generated article's share image drawn once, each magnet typeset and each picture optimised, into the copy's own caches; later builds find them there.
    rmSync(join(lodestoneSite, BUILD_CACHE), { recursive: true, force: true });
    rmSync(join(lodestoneSite, '.astro'), { recursive: true, force: true });
    const lodestoneColdCache = await build(lodestoneSite, 'dist/client');
    const contentChecks = await timeContentChecks(lodestoneSite);
    const bare: BuildRun[] = [];
    const lodestone: BuildRun[] = [];
    for (let run = 0; run < runs; run++) {
      // Alternate which goes first, so neither always builds on a warmer disk cache.
      if (run % 2 === 0) {
        bare.push(await build(bareSite, 'dist'));
        lodestone.push(await build(lodestoneSite, 'dist/client'));
      } else {
        lodestone.push(await build(lodestoneSite, 'dist/client'));
        bare.push(await build(bareSite, 'dist'));
      }
    }
    return {
      articles,
      bare,
      lodestone,
      lodestoneColdCache,
      contentChecks,
      timeRatio: mean(lodestone.map((r) => r.seconds)) / mean(bare.map((r) => r.seconds)),
      cpuRatio: mean(lodestone.map((r) => r.cpuSeconds)) / mean(bare.map((r) => r.cpuSeconds)),
      rssRatio: mean(lodestone.map((r) => r.peakRssBytes)) / mean(bare.map((r) => r.peakRssBytes)),
    };
  } finally {
    if (keep) console.log(`\nThe two sites and their last build logs are kept in ${directory}`);
    else rmSync(directory, { recursive: true, force: true });
  }
}

/** The figures as the bench prints them. */
export function formatBuildFigures(figures: BuildFigures): string {
  const perRun = (runs: readonly BuildRun[], cell: (run: BuildRun) => string) => runs.map((run) => cell(run).padStart(8)).join(' ');
  const width = 9 * figures.bare.length - 1;
  const row = (name: string, runs: readonly BuildRun[]) =>
    [
      name.padEnd(18),
      perRun(runs, (run) => `${run.seconds.toFixed(1)} s`),
      perRun(runs, (run) => `${run.cpuSeconds.toFixed(1)} s`),
      perRun(runs, (run) => `${(run.peakRssBytes / 2 ** 20).toFixed(0)} MB`),
      (mean(runs.map((run) => run.pages)) / mean(runs.map((run) => run.seconds))).toFixed(0).padStart(7),
      String(runs[0]!.pages).padStart(6),
    ].join(' ');
  const verdict = (ratio: number) => `${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`;
  const runs = figures.bare.length;
  return [
    `\nastro build, ${figures.articles} generated articles, content cold, ${runs} run${runs === 1 ? '' : 's'} each (alternating)\n`,
    ['site'.padEnd(18), 'wall'.padStart(width), 'CPU'.padStart(width), 'peak RSS'.padStart(width), 'pages/s'.padStart(7), 'pages'.padStart(6)].join(
      ' ',
    ),
    row('bare Astro + MDX', figures.bare),
    row('Lodestone', figures.lodestone),
    `${row('Lodestone, first', [figures.lodestoneColdCache])}  (every cache empty: share images drawn, pictures optimised)`,
    '',
    `build time: Lodestone / bare ${verdict(figures.timeRatio)}`,
    `peak RSS:   Lodestone / bare ${verdict(figures.rssRatio)}`,
    `CPU time:   Lodestone / bare ${figures.cpuRatio.toFixed(2)}× (wall time varies with whatever else runs on the machine; CPU time less)`,
    `content checks (npm run check:content, run by every build): ${figures.contentChecks.seconds.toFixed(1)} s wall, ${figures.contentChecks.cpuSeconds.toFixed(1)} s CPU`,
    `first build, every cache empty: ${(figures.lodestoneColdCache.seconds / mean(figures.bare.map((run) => run.seconds))).toFixed(2)}× bare in time, ${(
      figures.lodestoneColdCache.cpuSeconds / mean(figures.bare.map((run) => run.cpuSeconds))
    ).toFixed(2)}× in CPU`,
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const articles = Number(process.env.BENCH_ARTICLES ?? 1000);
  const runs = Number(process.env.BENCH_BUILD_RUNS ?? 2);
  const keep = process.env.BENCH_BUILD_KEEP === '1';
  console.log(formatBuildFigures(await measureBuild({ articles, runs, keep })));
}
