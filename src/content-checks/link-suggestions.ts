import { articlePathOf, internalLinks, mentions, splitLink } from './article-rules.ts';
import type { ParsedArticle, Place } from './parse-article.ts';

/** A place where one article mentions another's keyword without linking to it. */
export interface LinkSuggestion extends Place {
  /** The article that mentions the keyword, where the link would go. */
  file: string;
  /** The article the link would point to, and its keyword. */
  target: string;
  keyword: string;
}

/**
 * The internal linking report: for each published article with a keyword, the other published
 * articles whose prose (text nodes outside links, headings and code) mentions the keyword, matched
 * as the keyword rules match it, while they do not link to it anywhere. The first mention of each.
 */
export function linkSuggestions(articles: readonly ParsedArticle[]): LinkSuggestion[] {
  const published = articles.filter((article) => article.data.draft !== true);
  const suggestions: LinkSuggestion[] = [];
  for (const target of published) {
    const keyword = typeof target.data.keyword === 'string' ? target.data.keyword.trim() : '';
    if (!keyword) continue;
    const path = articlePathOf(target);
    for (const article of published) {
      if (article === target || internalLinks(article).some((link) => splitLink(link.url).path === path)) continue;
      const mention = article.prose.find((text) => mentions(text.value, keyword));
      if (mention) suggestions.push({ file: article.file, line: mention.line, column: mention.column, target: path, keyword });
    }
  }
  return suggestions;
}

/** The report as text: a block per article linked to, each mention as `path:line:column`. */
export function formatLinkSuggestions(suggestions: readonly LinkSuggestion[]): string {
  if (!suggestions.length) return 'internal links: every mention of an article’s keyword links to it';
  const targets = [...new Set(suggestions.map((suggestion) => suggestion.target))].sort();
  return targets
    .map((target) => {
      const found = suggestions.filter((suggestion) => suggestion.target === target);
      return `${target} (keyword "${found[0]!.keyword}") is mentioned without a link in:\n${found
        .map((suggestion) => `  ${suggestion.file}:${suggestion.line}:${suggestion.column}`)
        .join('\n')}`;
    })
    .join('\n\n');
}
