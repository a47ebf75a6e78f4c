import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { articleSchemas, authorSchema } from './articles/schema';
import { landingSchema } from './landing/landing-schema';
import { magnetSchema } from './magnets/magnet-schema';

// Built once: the schema function below runs for every article file.
const articleSchema = articleSchemas({ author: reference('authors'), magnet: reference('magnets') });

const articles = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/articles' }),
  schema: ({ image }) => articleSchema(image),
});

const authors = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/authors' }),
  schema: authorSchema,
});

/** Gated offers: the frontmatter is the offer and its form, the Markdown body becomes the PDF. */
const magnets = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/magnets' }),
  schema: ({ image }) => magnetSchema(image()),
});

/** Ad landing pages: the offer, the page's sections, and one variant per ad. */
const landing = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/landing' }),
  schema: landingSchema,
});

export const collections = { articles, authors, magnets, landing };
