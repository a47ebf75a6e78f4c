import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { oncePerBuild } from '../collections/once-per-build';
import { relatedFinder } from './related';

export type Article = CollectionEntry<'articles'>;
export type Author = CollectionEntry<'authors'>;

/** Site path of an article page. */
export function articlePath(id: string): string {
  return `/articles/${id}/`;
}

/** Site path of an author page. */
export function authorPath(id: string): string {
  return `/authors/${id}/`;
}

/** The date readers and search engines should see as the last change. */
export function lastModified(article: Article): Date {
  return article.data.updated ?? article.data.published;
}

/** Every article a reader may find through lists, feeds and the sitemap: no drafts, newest first. */
export const publishedArticles = oncePerBuild(async (): Promise<readonly Article[]> => {
  const articles = await getCollection('articles', ({ data }) => !data.draft);
  return articles.sort((a, b) => b.data.published.getTime() - a.data.published.getTime());
});

const relatedAmongPublished = oncePerBuild(async () => relatedFinder(await publishedArticles()));

/** Up to `limit` published articles sharing the most tags with `article` (none for a draft). */
export async function relatedTo(article: Article, limit: number): Promise<Article[]> {
  if (article.data.draft) return [];
  return (await relatedAmongPublished())(article, limit);
}

const authorsById = oncePerBuild(async () => new Map((await getCollection('authors')).map((author) => [author.id, author])));

/** The author an article names, or undefined when content/authors/ has no such file (the caller says which). */
export async function authorOf(article: Article): Promise<Author | undefined> {
  if (import.meta.env.DEV) return getEntry(article.data.author);
  return (await authorsById()).get(article.data.author.id);
}
