import { getCollection, type CollectionEntry } from 'astro:content';
import { relatedFinder, type RelatedFinder } from './related';

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

async function loadPublishedArticles(): Promise<readonly Article[]> {
  const articles = await getCollection('articles', ({ data }) => !data.draft);
  return articles.sort((a, b) => b.data.published.getTime() - a.data.published.getTime());
}

// A build's content does not change while its pages render: every page shares one list and one
// index instead of each re-reading and re-sorting the collection. The dev server re-reads, as
// content changes under it.
let published: Promise<readonly Article[]> | undefined;
let related: Promise<RelatedFinder<Article>> | undefined;

/** Every article a reader may find through lists, feeds and the sitemap: no drafts, newest first. */
export function publishedArticles(): Promise<readonly Article[]> {
  if (import.meta.env.DEV) return loadPublishedArticles();
  return (published ??= loadPublishedArticles());
}

/** Up to `limit` published articles sharing the most tags with `article` (none for a draft). */
export async function relatedTo(article: Article, limit: number): Promise<Article[]> {
  if (article.data.draft) return [];
  const find = import.meta.env.DEV ? relatedFinder(await publishedArticles()) : await (related ??= publishedArticles().then(relatedFinder));
  return find(article, limit);
}
