import { z } from 'astro/zod';
import type { ImageFunction } from 'astro/content/config';
import { ARTICLE_RULE_IDS } from '../content-checks/rule-ids.ts';

/** Why the searcher typed the query; decides what the article must deliver. */
export const SEARCH_INTENTS = ['informational', 'commercial', 'transactional', 'navigational'] as const;

/** Limits that keep titles and descriptions whole in search results. */
export const TITLE_MAX = 70;
export const DESCRIPTION_MIN = 70;
export const DESCRIPTION_MAX = 160;

const faqItemSchema = z.object({
  /** The question as a searcher would ask it. */
  question: z.string().trim().min(10, 'a FAQ question needs at least 10 characters').max(150),
  /** Plain-text answer, shown on the page and published as FAQPage JSON-LD. */
  answer: z.string().trim().min(20, 'a FAQ answer needs at least 20 characters').max(600),
});

/** What the schema needs from Astro: its image helper and references to the authors and magnets collections. */
export interface ArticleSchemaContext<Author extends z.ZodType, Magnet extends z.ZodType> {
  image: ImageFunction;
  author: Author;
  magnet: Magnet;
}

/**
 * The fields that need nothing from Astro, built once: the content layer calls `articleSchema` for
 * every article file, and building these zod schemas anew for each cost more than checking them.
 */
const plainFields = {
  /** The headline: the page's h1 and, unless `seo.title` says otherwise, its <title>. */
  title: z
    .string()
    .trim()
    .min(10, 'a title needs at least 10 characters')
    .max(TITLE_MAX, `keep the title to ${TITLE_MAX} characters so search results show it whole`),
  /** Meta description: the snippet a searcher reads before clicking. */
  description: z
    .string()
    .trim()
    .min(DESCRIPTION_MIN, `a description needs at least ${DESCRIPTION_MIN} characters to be used as the search snippet`)
    .max(DESCRIPTION_MAX, `keep the description to ${DESCRIPTION_MAX} characters so search results show it whole`),
  /** The search query this article is written to rank for. */
  keyword: z.string().trim().min(2).max(80),
  /** Search intent behind the keyword. */
  intent: z.enum(SEARCH_INTENTS),
  /** First publication date (YYYY-MM-DD). */
  published: z.coerce.date(),
  /** Date of the last meaningful revision; shown on the page and used as sitemap lastmod. */
  updated: z.coerce.date().optional(),
  /** Topic labels; each gets a page at /tags/<slug>/ and drives related articles. */
  tags: z.array(z.string().trim().min(2).max(40)).min(1, 'give the article at least one tag').max(6),
  /** Show on the home page under "Featured". */
  featured: z.boolean().default(false),
  /** Questions and answers shown at the end and published as FAQPage JSON-LD. */
  faq: z.array(faqItemSchema).max(10).optional(),
  /** Describes the hero image for people who cannot see it; required. */
  heroAlt: z.string().trim().min(5, 'describe the hero image in the alt text'),
  /** Overrides for search engines when the defaults do not fit. */
  seo: z
    .object({
      /** A shorter <title> when the headline is long. */
      title: z.string().trim().min(10).max(60).optional(),
      /** Canonical URL when the article was first published elsewhere. */
      canonical: z.url().optional(),
    })
    .optional(),
  /** A draft is built (noindex) so it can be reviewed, but is kept out of lists, sitemap and RSS. */
  draft: z.boolean().default(false),
  /** Content-check rules switched off for this file only; say why in a YAML comment. */
  lint: z
    .object({ ignore: z.array(z.enum(ARTICLE_RULE_IDS)).min(1) })
    .strict()
    .optional(),
};

/** What the schema needs from Astro besides its image helper: references to the authors and magnets collections. */
export type ArticleReferences<Author extends z.ZodType, Magnet extends z.ZodType> = Omit<ArticleSchemaContext<Author, Magnet>, 'image'>;

/**
 * Frontmatter of an article in `content/articles/*.mdx`, as a function of Astro's image helper.
 * The content layer calls the schema function once per article file, with an image helper of that
 * file's own; a zod object built anew for each file cost more than checking it (about 0.2 ms, its
 * first parse compiles it). So one object checks every field, with the hero image as a path, and
 * each file's helper only resolves that path, when there is one.
 */
export function articleSchemas<Author extends z.ZodType, Magnet extends z.ZodType>({ author, magnet }: ArticleReferences<Author, Magnet>) {
  const { title, description, keyword, intent, published, updated, tags, featured, faq, heroAlt, seo, draft, lint } = plainFields;
  const fields = z
    .object({
      title,
      description,
      keyword,
      intent,
      /** Author id: a file name (without extension) in `content/authors/`. */
      author,
      published,
      updated,
      tags,
      featured,
      faq,
      /** Image shown above the article and shared on social networks: a path relative to the article file. */
      hero: z.object({ image: z.string(), alt: heroAlt }).optional(),
      /** Slug of a magnet in `content/magnets/`: its offer and form are placed after the introduction. */
      magnet: magnet.optional(),
      seo,
      draft,
      lint,
    })
    .refine((data) => !data.updated || data.updated >= data.published, {
      message: 'updated must be on or after published',
      path: ['updated'],
    });
  type HeroImage = z.output<ReturnType<ImageFunction>>;
  type Fields = z.output<typeof fields>;
  type Article = Omit<Fields, 'hero'> & { hero?: { image: HeroImage; alt: string } };

  return (image: ImageFunction) =>
    fields.transform((data, context): Article | Promise<Article> => {
      const { hero } = data;
      if (!hero) return { ...data, hero: undefined };
      // Resolved only for an article that has a hero; kept synchronous otherwise, so the schema also parses synchronously.
      return image()
        .safeParseAsync(hero.image)
        .then((resolved) => {
          if (resolved.success) return { ...data, hero: { ...hero, image: resolved.data } };
          for (const issue of resolved.error.issues) context.addIssue({ ...issue, path: ['hero', 'image', ...issue.path] } as never);
          return z.NEVER;
        });
    });
}

/** Frontmatter of an article in `content/articles/*.mdx`, for one image helper. */
export function articleSchema<Author extends z.ZodType, Magnet extends z.ZodType>({ image, ...references }: ArticleSchemaContext<Author, Magnet>) {
  return articleSchemas(references)(image);
}

/** An author in `content/authors/*.yaml`. */
export const authorSchema = z.object({
  /** Full name, as shown in bylines and Person JSON-LD. */
  name: z.string().trim().min(2).max(80),
  /** Job title, shown under the name. */
  role: z.string().trim().min(2).max(80),
  /** A short biography for the author box and the author page. */
  bio: z.string().trim().min(40).max(400),
  /** A profile elsewhere (personal site, LinkedIn) linked with rel="me". */
  url: z.url().optional(),
});
