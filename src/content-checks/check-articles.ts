import { listPagePath } from '../articles/list-pages.ts';
import { tagSlug } from '../articles/tags.ts';
import { ARTICLE_RULES, type SiteIndex } from './article-rules.ts';
import type { ParsedArticle } from './parse-article.ts';
import { byPlace, ignoredRules } from './file-rules.ts';
import type { Problem } from './problem.ts';
import { ARTICLE_RULE_IDS } from './rule-ids.ts';

/** The content besides articles that pages are built from. */
export interface SiteContent {
  magnets: readonly string[];
  authors: readonly string[];
  landings: readonly { slug: string; variants: readonly string[] }[];
  /** Articles on a page of a list before it continues at `…/page/2/` (site.config's articlesPerPage). */
  articlesPerPage: number;
}

/**
 * The last page number of every article list (all articles, each topic, each author), by the path
 * of its first page, as src/pages/ cuts them: published articles only, an empty list still has a page 1.
 */
export function listLastPages(articles: readonly ParsedArticle[], { authors, articlesPerPage }: SiteContent): Map<string, number> {
  const sizes = new Map<string, number>([['/articles/', 0], ...authors.map((author): [string, number] => [`/authors/${author}/`, 0])]);
  const count = (basePath: string) => sizes.set(basePath, (sizes.get(basePath) ?? 0) + 1);
  for (const article of articles) {
    if (article.data.draft === true) continue;
    count('/articles/');
    const tags = Array.isArray(article.data.tags) ? article.data.tags.map(String) : [];
    for (const slug of new Set(tags.map(tagSlug))) count(`/tags/${slug}/`);
    // An article whose author has no file gets no author page: the list is only counted when it exists.
    const author = `/authors/${String(article.data.author)}/`;
    if (sizes.has(author)) count(author);
  }
  return new Map([...sizes].map(([basePath, size]) => [basePath, Math.max(1, Math.ceil(size / articlesPerPage))]));
}

/** Every page path the site builds from this content, as src/pages/ routes it. */
export function sitePages(
  articles: readonly ParsedArticle[],
  content: SiteContent,
  lastPages: ReadonlyMap<string, number> = listLastPages(articles, content),
): Set<string> {
  const { magnets, landings } = content;
  return new Set([
    '/',
    '/tags/',
    '/magnets/',
    '/thanks/',
    '/rss.xml',
    ...articles.map((article) => `/articles/${article.slug}/`),
    ...[...lastPages].flatMap(([basePath, last]) => Array.from({ length: last }, (_, index) => listPagePath(basePath, index + 1))),
    ...magnets.flatMap((magnet) => [`/magnets/${magnet}/`, `/thanks/${magnet}/`]),
    ...landings.flatMap((landing) => [
      `/lp/${landing.slug}/`,
      `/lp/${landing.slug}/thanks/`,
      ...landing.variants.map((variant) => `/lp/${landing.slug}/${variant}/`),
    ]),
  ]);
}

/** Runs every article rule over every article; problems ordered by file, then line. */
export function checkArticles(articles: readonly ParsedArticle[], content: SiteContent): Problem[] {
  const lastPages = listLastPages(articles, content);
  const site: SiteIndex = { articles, pages: sitePages(articles, content, lastPages), lastPages, magnets: new Set(content.magnets) };
  const problems: Problem[] = [];
  for (const article of articles) {
    const ignored = ignoredRules(article.file, article, ARTICLE_RULE_IDS, problems);
    for (const rule of ARTICLE_RULES) {
      if (ignored.has(rule.id)) continue;
      for (const { message, line, column } of rule.check(article, site)) {
        problems.push({ file: article.file, line, column, rule: rule.id, severity: rule.severity, message });
      }
    }
  }
  return problems.sort(byPlace);
}
