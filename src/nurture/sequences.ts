import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Lexer, Parser } from 'marked';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { blocksToText } from '../email/markdown-text.ts';
import { parseDelay } from './delay.ts';

/** Where sequences are written, relative to the project root, and where the build leaves them compiled. */
export const SEQUENCES_DIR = 'content/sequences';
export const COMPILED_SEQUENCES = 'dist/sequences.json';
/** The sequence every newsletter signup enters. */
export const WELCOME_SEQUENCE = 'welcome';

/** Merge fields a step may use, as `{{ name }}` or, with a fallback, `{{ first_name | there }}`. */
export const MERGE_FIELDS = ['first_name', 'magnet_title', 'download_link', 'unsubscribe_link'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export const SKIP_CONDITIONS = ['sales-ready', 'not-downloaded'] as const;
export type SkipCondition = (typeof SKIP_CONDITIONS)[number];

/** A subject's length: long enough to say something, short enough for a phone's inbox to show it whole. */
export const SUBJECT_LENGTH = { min: 5, max: 78 };

/** Frontmatter of one step, `content/sequences/<sequence>/<NN-name>.mdx`. */
export const stepSchema = z.object({
  /** What the inbox shows; 78 characters at most, so phones show it whole. */
  subject: z.string().trim().min(SUBJECT_LENGTH.min).max(SUBJECT_LENGTH.max, `keep the subject to ${SUBJECT_LENGTH.max} characters`),
  /** The line inbox lists show after the subject. */
  preview: z.string().trim().min(10).max(140),
  /** How long after `after` the step is sent: 2d, 36h, 1d12h. */
  delay: z.string().transform((value, context) => {
    try {
      return parseDelay(value);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  }),
  /** Count the delay from the signup, or from the previous step (the default). */
  after: z.enum(['signup', 'previous']).default('previous'),
  /** Skip the step when the lead is already sales-ready, or has not downloaded the sequence's magnet. */
  skip_if: z.array(z.enum(SKIP_CONDITIONS)).default([]),
});

/** A piece of compiled text: literal text, or a merge field with its fallback. */
export type Segment = string | { field: MergeField; fallback: string };

export interface Step {
  /** The file name without extension, like `02-the-first-fix`. */
  id: string;
  subject: string;
  preview: string;
  delayMs: number;
  after: 'signup' | 'previous';
  skipIf: SkipCondition[];
  /** The body as email HTML (inline styles) and as plain text, with merge fields left open. */
  html: Segment[];
  text: Segment[];
}

export interface Sequence {
  slug: string;
  steps: Step[];
}

export type SequenceCatalog = ReadonlyMap<string, Sequence>;

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
const MERGE = /\{\{\s*([a-z_]+)\s*(?:\|\s*([^}]*?)\s*)?\}\}/g;
/** Stands in for a merge field while Markdown is rendered; letters only, so Markdown leaves it alone. */
const MARK = (index: number) => `MERGEFIELD${String.fromCharCode(65 + Math.floor(index / 26))}${String.fromCharCode(65 + (index % 26))}X`;

/** Inline styles for the tags Markdown produces: many mail clients drop <style> blocks. */
const STYLES: Record<string, string> = {
  p: 'margin:0 0 16px;',
  h2: 'margin:24px 0 8px;font-size:20px;line-height:1.3;',
  h3: 'margin:20px 0 8px;font-size:17px;line-height:1.3;',
  ul: 'margin:0 0 16px;padding-left:22px;',
  ol: 'margin:0 0 16px;padding-left:22px;',
  li: 'margin:0 0 6px;',
  a: 'color:#0b5cad;font-weight:600;',
  blockquote: 'margin:0 0 16px;padding:4px 0 4px 14px;border-left:3px solid #0b5cad;color:#3d4650;',
};

/**
 * Compiles one step file: checks the frontmatter and the merge fields, renders the Markdown to
 * email HTML and plain text once, and leaves the merge fields open for the send. A problem throws
 * with the file and the field in the message.
 */
export function compileStep(file: string, source: string): Step {
  const id = file.replace(/^.*\//, '').replace(/\.mdx?$/, '');
  const match = FRONTMATTER.exec(source);
  if (!match) throw new Error(`${file}: starts with no frontmatter (--- … ---)`);
  const parsed = stepSchema.safeParse(parseYaml(match[1]!));
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(frontmatter)'}: ${issue.message}`).join('; ')}`);
  }
  const fields: { field: MergeField; fallback: string }[] = [];
  const body = source.slice(match[0].length).replace(MERGE, (_, name: string, fallback: string | undefined) => {
    if (!(MERGE_FIELDS as readonly string[]).includes(name)) {
      throw new Error(`${file}: {{ ${name} }} is not a merge field; use one of ${MERGE_FIELDS.join(', ')}`);
    }
    fields.push({ field: name as MergeField, fallback: fallback ?? '' });
    return MARK(fields.length - 1);
  });
  if (/\{\{|\}\}/.test(body)) throw new Error(`${file}: a merge field is not closed; write it like {{ first_name | there }}`);
  const tokens = new Lexer({ gfm: true }).lex(body);
  const html = new Parser({ gfm: true })
    .parse(tokens)
    .replace(/<(p|h2|h3|ul|ol|li|a|blockquote)(\s|>)/g, (_, tag: string, next: string) => `<${tag} style="${STYLES[tag]}"${next}`)
    .trim();
  const { data } = parsed;
  return {
    id,
    subject: data.subject,
    preview: data.preview,
    delayMs: data.delay,
    after: data.after,
    skipIf: data.skip_if,
    html: splitMarks(html, fields),
    text: splitMarks(blocksToText(tokens), fields),
  };
}

function splitMarks(compiled: string, fields: { field: MergeField; fallback: string }[]): Segment[] {
  const segments: Segment[] = [];
  for (const [index, part] of compiled.split(/MERGEFIELD([A-Z]{2})X/).entries()) {
    if (index % 2 === 0) {
      if (part) segments.push(part);
    } else {
      segments.push(fields[(part.charCodeAt(0) - 65) * 26 + (part.charCodeAt(1) - 65)]!);
    }
  }
  return segments;
}

/** Fills a compiled text's merge fields; `escape` makes values safe for HTML. */
export function fillSegments(segments: readonly Segment[], values: Partial<Record<MergeField, string>>, escape: (text: string) => string): string {
  return segments.map((segment) => (typeof segment === 'string' ? segment : escape(values[segment.field] || segment.fallback))).join('');
}

/** Compiles every sequence under `dir`: one folder per sequence, one step per file, in file-name order. */
export async function compileSequences(dir = SEQUENCES_DIR): Promise<Sequence[]> {
  const folders = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  return Promise.all(
    folders.sort().map(async (slug) => {
      const files = (await readdir(join(dir, slug))).filter((name) => /\.mdx?$/.test(name)).sort();
      if (files.length === 0) throw new Error(`${join(dir, slug)}: a sequence needs at least one step file`);
      const steps = await Promise.all(files.map(async (name) => compileStep(join(dir, slug, name), await readFile(join(dir, slug, name), 'utf8'))));
      return { slug, steps };
    }),
  );
}

/** The sequences as built (`dist/sequences.json`), or compiled from content when there is no build (the dev server). */
export async function loadSequences(compiled = COMPILED_SEQUENCES, dir = SEQUENCES_DIR): Promise<SequenceCatalog> {
  const list: Sequence[] = existsSync(compiled) ? JSON.parse(await readFile(compiled, 'utf8')) : await compileSequences(dir);
  return new Map(list.map((sequence) => [sequence.slug, sequence]));
}

/** The outbox template of a step: `sequence:<sequence>/<step>`. */
export function stepTemplate(sequence: string, step: string): string {
  return `sequence:${sequence}/${step}`;
}

/** The sequence and step an outbox template names, or undefined for other templates. */
export function parseStepTemplate(template: string): { sequence: string; step: string } | undefined {
  const match = /^sequence:([a-z0-9-]+)\/([\w-]+)$/.exec(template);
  return match ? { sequence: match[1]!, step: match[2]! } : undefined;
}
