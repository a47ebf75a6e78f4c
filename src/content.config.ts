import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { articleSchema, authorSchema } from './articles/schema';

const articles = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/articles' }),
  schema: ({ image }) => articleSchema({ image, author: reference('authors') }),
});

const authors = defineCollection({
  loader: glob({ pattern: '*.yaml', base: './content/authors' }),
  schema: authorSchema,
});

export const collections = { articles, authors };
