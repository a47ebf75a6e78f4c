import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

export const LEAD_ADS_DIR = 'content/lead-ads';

/** The platforms whose lead forms feed the site's leads. */
export const AD_PLATFORMS = ['meta', 'tiktok'] as const;
export type AdPlatform = (typeof AD_PLATFORMS)[number];

const fieldName = z.string().trim().min(1).max(100);
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug, like lead-scoring-worksheet');

/** One platform lead form, as `content/lead-ads/<name>.yaml` maps it onto a site form. */
export const leadFormMappingSchema = z
  .object({
    /** Which ad platform the form lives on. */
    platform: z.enum(AD_PLATFORMS),
    /** The platform's id of the lead form (Meta's `form_id`, TikTok's `form_id`), as text. */
    form_id: z.union([
      z
        .string()
        .trim()
        .regex(/^[\w-]{1,64}$/, 'must be the platform form id'),
      z.number().int().transform(String),
    ]),
    /** The magnet this form delivers: its first email and nurture sequence start at once. */
    magnet: slug.optional(),
    /** Or a nurture sequence to enter, after the newsletter's welcome email. */
    sequence: slug.optional(),
    /** What the person agreed to on the platform's form, kept with the touch. */
    consent: z.object({
      /** The form's privacy and marketing text, word for word. */
      text: z.string().trim().min(10).max(2000),
      /** Its version, like the date it last changed. */
      version: z.string().trim().min(1).max(40),
      /** A custom disclaimer checkbox (Meta's `checkbox_key`) or a yes/no field that says whether marketing email was agreed to; without it, sending the form is the agreement. */
      checkbox: fieldName.optional(),
    }),
    /** Which platform form field holds what. */
    fields: z.object({
      /** The email address (required). */
      email: fieldName,
      /** The person's full name. */
      name: fieldName.optional(),
      /** The company, kept with the touch's answers as `company`. */
      company: fieldName.optional(),
    }),
    /** Answers to scoring questions: the question's name in content/scoring.yaml, the platform field, and how its answers translate. */
    questions: z
      .array(
        z.object({
          question: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a question name from content/scoring.yaml'),
          field: fieldName,
          /** The platform's answer → the scoring question's option; an answer not listed is kept as it came. */
          values: z.record(z.string(), z.string()).default({}),
        }),
      )
      .default([]),
  })
  .refine((mapping) => (mapping.magnet === undefined) !== (mapping.sequence === undefined), {
    message: 'name exactly one of magnet or sequence',
    path: ['magnet'],
  });

export type LeadFormMapping = z.output<typeof leadFormMappingSchema>;

/** What mappings are checked against: the magnets, sequences and scoring questions that exist. */
export interface MappingReferences {
  magnets: ReadonlySet<string>;
  sequences: ReadonlySet<string>;
  questions: ReadonlySet<string>;
}

/** Parses one mapping file; throws with the file and each problem. */
export function parseLeadFormMapping(file: string, text: string, references?: MappingReferences): LeadFormMapping {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  const result = leadFormMappingSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(`${file}: ${result.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ')}`);
  }
  const mapping = result.data;
  if (references) {
    const problems: string[] = [];
    if (mapping.magnet && !references.magnets.has(mapping.magnet)) problems.push(`magnet: ${mapping.magnet} is not a magnet in content/magnets/`);
    if (mapping.sequence && !references.sequences.has(mapping.sequence))
      problems.push(`sequence: ${mapping.sequence} is not a sequence in content/sequences/`);
    for (const [index, { question }] of mapping.questions.entries()) {
      if (!references.questions.has(question)) problems.push(`questions.${index}.question: ${question} is not a question in content/scoring.yaml`);
    }
    if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  }
  return mapping;
}

/** Every mapping in `dir`, keyed `<platform>:<form id>`; two files for one form are an error. */
export async function loadLeadFormMappings(references?: MappingReferences, dir = LEAD_ADS_DIR): Promise<Map<string, LeadFormMapping>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  const mappings = new Map<string, LeadFormMapping>();
  for (const name of names) {
    const file = join(dir, name);
    const mapping = parseLeadFormMapping(file, await readFile(file, 'utf8'), references);
    const key = mappingKey(mapping.platform, mapping.form_id);
    if (mappings.has(key)) throw new Error(`${file}: form_id ${mapping.form_id} is mapped by another file too`);
    mappings.set(key, mapping);
  }
  return mappings;
}

export function mappingKey(platform: AdPlatform, formId: string): string {
  return `${platform}:${formId}`;
}
