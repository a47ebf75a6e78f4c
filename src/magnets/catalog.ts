import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { SignupForm } from '../leads/signup-forms.ts';
import { site } from '../site.config.ts';
import { magnetSchema, type MagnetData } from './magnet-schema.ts';
import type { PdfCover } from './pdf.ts';

/** Where magnets are written, relative to the project root. */
export const MAGNETS_DIR = 'content/magnets';

export interface Magnet {
  slug: string;
  data: MagnetData;
  /** The Markdown that becomes the PDF. */
  body: string;
}

const runtimeSchema = magnetSchema(z.string().min(1));
const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Reads one magnet file; a problem throws with the file and the field in the message. */
export function parseMagnet(file: string, text: string): Magnet {
  const slug = file.replace(/^.*\//, '').replace(/\.md$/, '');
  const match = FRONTMATTER.exec(text);
  if (!match) throw new Error(`${file}: starts with no frontmatter (--- … ---)`);
  let raw: unknown;
  try {
    raw = parseYaml(match[1]!);
  } catch (error) {
    throw new Error(`${file}: frontmatter is not valid YAML: ${(error as Error).message}`);
  }
  const result = runtimeSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(frontmatter)'}: ${issue.message}`);
    throw new Error(`${file}: ${problems.join('; ')}`);
  }
  return { slug, data: result.data, body: text.slice(match[0].length) };
}

/** Every magnet in `dir`, ordered by slug. */
export async function loadMagnets(dir = MAGNETS_DIR): Promise<Magnet[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  return Promise.all(files.map(async (name) => parseMagnet(join(dir, name), await readFile(join(dir, name), 'utf8'))));
}

/** The signup form of a magnet, as the capture endpoint knows it. */
export function magnetSignupForm(magnet: Magnet): SignupForm {
  const { data } = magnet;
  return {
    kind: 'magnet',
    requiresConsent: true,
    consentText: data.consent.text,
    consentVersion: data.consent.version,
    thanksPath: `/thanks/${magnet.slug}/`,
    firstEmail: 'magnet',
    confirmEmail: data.confirm ? 'magnet-confirm' : undefined,
    emailKnownLeads: true,
    fields: data.form.fields,
    magnet: magnet.slug,
    sequence: data.sequence,
  };
}

/** The forms of all magnets, keyed `magnet:<slug>` as findSignupForm() looks them up. */
export function magnetForms(magnets: readonly Magnet[]): Map<string, SignupForm> {
  return new Map(magnets.map((magnet) => [`magnet:${magnet.slug}`, magnetSignupForm(magnet)]));
}

/** The cover of a magnet's PDF. */
export function magnetPdfCover(magnet: Magnet, siteUrl: URL): PdfCover {
  const { data } = magnet;
  return { title: data.title, promise: data.promise, kind: data.kind, inside: data.inside, siteName: site.name, siteUrl: siteUrl.host };
}
