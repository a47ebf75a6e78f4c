import { z } from 'zod';
import { formFieldSchema, MAX_FORM_FIELDS } from '../leads/form-fields.ts';

export const MAGNET_KINDS = ['ebook', 'checklist', 'worksheet', 'template pack', 'guide'] as const;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens, like "welcome"');
const sitePath = z.string().regex(/^\/(?!\/)[^\s\\]*$/, 'must be a path on this site, like /articles/speed-to-lead/');

/**
 * Frontmatter of a magnet in `content/magnets/<slug>.md`; the Markdown body becomes the PDF.
 * `cover` is Astro's image() in the content collection and a plain path when the server reads the file.
 */
export function magnetSchema<Cover extends z.ZodType>(cover: Cover) {
  return z
    .object({
      title: z.string().trim().min(5).max(70),
      /** The one-line promise: what the reader can do once they have it. */
      promise: z.string().trim().min(10).max(120),
      /** Meta description of the magnet's own page. */
      description: z.string().trim().min(70).max(160),
      kind: z.enum(MAGNET_KINDS),
      cover: z.object({ image: cover, alt: z.string().trim().min(5, 'describe the cover image in the alt text') }),
      /** What is inside, as short bullets on the offer card. */
      inside: z.array(z.string().trim().min(5).max(120)).min(2).max(8),
      /** The name the PDF downloads as. */
      file: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\.pdf$/, 'name the file like "lead-scoring-worksheet.pdf"'),
      form: z
        .object({
          /** Fields beyond the email address. */
          fields: z
            .array(formFieldSchema)
            .max(MAX_FORM_FIELDS - 1, `a form asks for at most ${MAX_FORM_FIELDS} fields, the email address included`)
            .default([]),
          /** The button's label. */
          submit: z.string().trim().min(2).max(40).default('Send it to me'),
        })
        .default({ fields: [], submit: 'Send it to me' }),
      consent: z.object({
        /** The exact words the reader agrees to; stored with each touch. */
        text: z.string().trim().min(20).max(300),
        /** Change it whenever the words change, like a date. */
        version: z.string().trim().min(1).max(40),
      }),
      /** The nurture sequence a confirmed lead enters. */
      sequence: slug,
      thanks: z.object({
        headline: z.string().trim().min(5).max(80),
        body: z.string().trim().min(20).max(400),
        next: z.object({ label: z.string().trim().min(5).max(80), href: sitePath }),
      }),
      /** Double opt-in: the file is sent only after the reader confirms the address. */
      confirm: z.boolean().default(false),
    })
    .refine((data) => new Set(data.form.fields.map((field) => field.name)).size === data.form.fields.length, {
      message: 'each field needs its own name',
      path: ['form', 'fields'],
    });
}

/** What the server knows of a magnet: the frontmatter (cover as a path) and the Markdown of the PDF. */
export type MagnetData = z.output<ReturnType<typeof magnetSchema<z.ZodString>>>;
