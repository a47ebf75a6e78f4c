import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { KEYWORD_CASES, KEYWORD_MARK, parseKeywordMark } from './keyword-insertion.ts';
import { formFieldSchema, MAX_FORM_FIELDS } from '../leads/form-fields.ts';
import type { SignupForm } from '../leads/signup-forms.ts';

/** Where landing pages are written, relative to the project root. */
export const LANDING_DIR = 'content/landing';
export const PLATFORMS = ['meta', 'tiktok', 'google', 'linkedin'] as const;
export type Platform = (typeof PLATFORMS)[number];

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens');
const utmValue = z.string().regex(/^[a-z0-9_.-]{1,60}$/, 'use lowercase letters, digits, dots, dashes and underscores');

/** A landing image: a PNG, JPEG or WebP file in content/landing/images/, and what it shows. */
export const LANDING_IMAGE_DIR = 'content/landing/images';
const landingImageSchema = z.object({
  /** Path relative to the YAML file: `./images/<file>.png` (PNG, JPEG or WebP). */
  src: z
    .string()
    .trim()
    .regex(/^\.\/images\/[\w.-]+\.(png|jpe?g|webp)$/, 'a PNG, JPEG or WebP file in ./images/, like ./images/worksheet.png'),
  /** What the image shows, for people who cannot see it; the build refuses an empty one. */
  alt: z.string().trim().max(200),
});

/** One version of a landing page, matched to one ad as it runs. */
export const variantSchema = z
  .object({
    slug,
    /** The ad exactly as it runs on its platform. */
    ad: z.object({
      platform: z.enum(PLATFORMS),
      headline: z.string().trim().min(3).max(150),
      primary_text: z.string().trim().min(3).max(500),
      cta: z.string().trim().min(2).max(40),
      /** What the ad's image or video shows, so the page can show the same. */
      image: z.string().trim().min(5).max(300),
    }),
    /** The page's own first screen for this ad. */
    page: z.object({
      /**
       * For Google search ads, `[[words]]` marks the phrase `?kw=` may replace; the words are the fallback.
       * `[[words|title]]` writes the keyword in Title Case (also `lower`, `sentence`; none: as typed).
       */
      headline: z.string().trim().min(5).max(120),
      subheadline: z.string().trim().min(10).max(240),
      cta: z.string().trim().min(2).max(40),
    }),
    /** The page's hero image, showing what the ad's image shows (the build checks it is there and described). */
    image: landingImageSchema.optional(),
    utm: z.object({ source: utmValue, medium: utmValue, content: utmValue.optional() }),
  })
  .superRefine((variant, context) => {
    if (!KEYWORD_MARK.test(variant.page.headline)) return;
    if (variant.ad.platform !== 'google') {
      context.addIssue({
        code: 'custom',
        message: 'only a Google search variant may mark a phrase for keyword insertion',
        path: ['page', 'headline'],
      });
      return;
    }
    try {
      parseKeywordMark(variant.page.headline);
    } catch {
      context.addIssue({
        code: 'custom',
        message: `the keyword's case is one of ${KEYWORD_CASES.join(', ')} ([[words|title]]), or none to keep it as typed`,
        path: ['page', 'headline'],
      });
    }
  });

/** A landing page in `content/landing/<slug>.yaml`. */
export const landingSchema = z
  .object({
    /** The internal name, shown in `npm run ads`. */
    title: z.string().trim().min(5).max(80),
    /** The offer: a magnet in content/magnets/, or a consultation request with its own form. */
    offer: z.union([
      z.object({ magnet: slug }).strict(),
      z
        .object({
          consultation: z.object({
            /** What the visitor asks for, like "a 20-minute lead scoring review". */
            title: z.string().trim().min(5).max(80),
            promise: z.string().trim().min(10).max(200),
            /** What happens after the request, shown on the page. */
            steps: z.array(z.string().trim().min(5).max(160)).min(2).max(5),
            form: z.object({
              fields: z
                .array(formFieldSchema)
                .max(MAX_FORM_FIELDS - 1, `a form asks for at most ${MAX_FORM_FIELDS} fields, the email address included`),
            }),
            consent: z.object({ text: z.string().trim().min(20).max(300), version: z.string().trim().min(1).max(40) }),
            thanks: z.object({ headline: z.string().trim().min(5).max(80), body: z.string().trim().min(20).max(400) }),
          }),
        })
        .strict(),
    ]),
    /** utm_campaign of every variant's ad URL. */
    campaign: utmValue,
    sections: z.object({
      benefits: z
        .array(z.object({ title: z.string().trim().min(3).max(80), text: z.string().trim().min(10).max(300) }))
        .min(2)
        .max(6),
      /** A testimonial: the quote, the person's name and role (the page draws them an illustrated avatar). */
      proof: z.object({ quote: z.string().trim().min(20).max(400), name: z.string().trim().min(2).max(80), role: z.string().trim().min(2).max(120) }),
      /** The tools and channels the offer works with, shown as a row of plain wordmarks (no one's trademark). */
      works_with: z.array(z.string().trim().min(2).max(24)).max(6).default([]),
      faq: z
        .array(z.object({ question: z.string().trim().min(10).max(150), answer: z.string().trim().min(20).max(600) }))
        .max(8)
        .default([]),
    }),
    variants: z.array(variantSchema).min(1).max(6),
    /** The variant `/lp/<slug>/` shows; the first one when unset. */
    default_variant: slug.optional(),
    /** A/B split: weights per variant; `/lp/<slug>/` then assigns each visitor to one and keeps them there. */
    split: z.record(slug, z.number().int().min(0).max(100)).optional(),
  })
  .superRefine((data, context) => {
    const slugs = data.variants.map((variant) => variant.slug);
    if (slugs.includes('thanks'))
      context.addIssue({ code: 'custom', message: '"thanks" is the thank-you page; name the variant otherwise', path: ['variants'] });
    if (new Set(slugs).size !== slugs.length) context.addIssue({ code: 'custom', message: 'each variant needs its own slug', path: ['variants'] });
    if (data.default_variant && !slugs.includes(data.default_variant)) {
      context.addIssue({ code: 'custom', message: `"${data.default_variant}" is not one of the variants`, path: ['default_variant'] });
    }
    for (const name of Object.keys(data.split ?? {})) {
      if (!slugs.includes(name)) context.addIssue({ code: 'custom', message: `"${name}" is not one of the variants`, path: ['split', name] });
    }
    if (data.split && Object.values(data.split).every((weight) => weight === 0)) {
      context.addIssue({ code: 'custom', message: 'give at least one variant a weight above 0', path: ['split'] });
    }
  });

export type LandingData = z.output<typeof landingSchema>;
export type Variant = LandingData['variants'][number];
export interface Landing {
  slug: string;
  data: LandingData;
}

/** Reads one landing file; a problem throws with the file and the field in the message. */
export function parseLanding(file: string, text: string): Landing {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new Error(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  const result = landingSchema.safeParse(raw);
  if (!result.success) {
    throw new Error(`${file}: ${result.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ')}`);
  }
  return { slug: file.replace(/^.*\//, '').replace(/\.ya?ml$/, ''), data: result.data };
}

/** Every landing page in `dir`, ordered by slug. */
export async function loadLandings(dir = LANDING_DIR): Promise<Landing[]> {
  const files = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(files.map(async (name) => parseLanding(join(dir, name), await readFile(join(dir, name), 'utf8'))));
}

/** The variant `/lp/<slug>/` shows when it does not split traffic. */
export function defaultVariant(landing: LandingData): Variant {
  return landing.variants.find((variant) => variant.slug === landing.default_variant) ?? landing.variants[0]!;
}

/** Checks the landing page and variant a signup names: both real, the variant one of the page's, the magnet its offer. */
export function checkLandingFields(
  landings: ReadonlyMap<string, Landing>,
  fields: { landing?: string; variant?: string; magnet?: string },
): Record<string, string> {
  if (!fields.landing) return fields.variant ? { variant: 'needs the landing page it belongs to' } : {};
  const landing = landings.get(fields.landing);
  if (!landing) return { landing: 'is not a landing page on this site' };
  if (fields.variant && !landing.data.variants.some((variant) => variant.slug === fields.variant))
    return { variant: 'is not a variant of this landing page' };
  const offer = 'magnet' in landing.data.offer ? landing.data.offer.magnet : undefined;
  if (fields.magnet !== offer) return { magnet: 'is not the offer of this landing page' };
  return {};
}

/** The landing pages whose form requests a consultation, with the consultation's title. */
export function consultationLandings(landings: Iterable<Landing>): { slug: string; title: string }[] {
  return [...landings].flatMap(({ slug, data }) => ('consultation' in data.offer ? [{ slug, title: data.offer.consultation.title }] : []));
}

/** The thank-you page of a consultation landing page. */
export function consultationThanksPath(landing: string): string {
  return `/lp/${landing}/thanks/`;
}

/** The signup forms of the consultation landing pages, keyed `landing:<slug>` as findSignupForm() looks them up. */
export function landingForms(landings: readonly Landing[]): Map<string, SignupForm> {
  const forms = new Map<string, SignupForm>();
  for (const { slug, data } of landings) {
    if (!('consultation' in data.offer)) continue;
    const { consultation } = data.offer;
    forms.set(`landing:${slug}`, {
      kind: 'consultation',
      requiresConsent: true,
      consentText: consultation.consent.text,
      consentVersion: consultation.consent.version,
      thanksPath: consultationThanksPath(slug),
      firstEmail: 'consultation',
      emailKnownLeads: true,
      fields: consultation.form.fields,
      landing: slug,
    });
  }
  return forms;
}
