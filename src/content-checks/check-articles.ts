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
}

/** Every page path the site builds from this content, as src/pages/ routes it. */
export function sitePages(articles: readonly ParsedArticle[], { magnets, authors, landings }: SiteContent): Set<string> {
  const published = articles.filter((article) => article.data.draft !== true);
  const tags = published.flatMap((article) => (Array.isArray(article.data.tags) ? article.data.tags.map(String) : []));
  return new Set([
    '/',
    '/articles/',
    '/tags/',
    '/magnets/',
    '/thanks/',
    '/rss.xml',
    ...articles.map((article) => `/articles/${article.slug}/`),
    ...tags.map((tag) => `/tags/${tagSlug(tag)}/`),
    ...authors.map((author) => `/authors/${author}/`),
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
  const site: SiteIndex = { articles, pages: sitePages(articles, content), magnets: new Set(content.magnets) };
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
