import { getCollection, type CollectionEntry } from 'astro:content';

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
export async function publishedArticles(): Promise<Article[]> {
  const articles = await getCollection('articles', ({ data }) => !data.draft);
  return articles.sort((a, b) => b.data.published.getTime() - a.data.published.getTime());
}
