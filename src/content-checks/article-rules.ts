import { laterPageOf, PAGE_SEGMENT } from '../articles/list-pages.ts';
import { tagSlug } from '../articles/tags.ts';
import type { ParsedArticle, Place } from './parse-article.ts';
import { PLACEHOLDER_RATIONALE } from './file-rules.ts';
import type { Severity } from './problem.ts';
import type { ArticleRuleId } from './rule-ids.ts';

/** What the rules know about the whole site: every article, and every page path it builds. */
export interface SiteIndex {
  articles: readonly ParsedArticle[];
  /** Every page path the site builds, with a trailing slash (`/articles/speed-to-lead/`). */
  pages: ReadonlySet<string>;
  /** The last page number of every article list, by the path of its first page (`/tags/forms/` → 3). */
  lastPages: ReadonlyMap<string, number>;
  magnets: ReadonlySet<string>;
}

export interface Finding extends Place {
  message: string;
}

export interface ArticleRule {
  id: ArticleRuleId;
  severity: Severity;
  /** Why the rule exists, in one line (the README lists these). */
  rationale: string;
  check(article: ParsedArticle, site: SiteIndex): Finding[];
}

export const TITLE_LENGTH = { min: 30, max: 60 };
export const DESCRIPTION_LENGTH = { min: 70, max: 160 };
const INTRO_WORDS = 100;

const stringAt = (article: ParsedArticle, key: string) => (typeof article.data[key] === 'string' ? (article.data[key] as string).trim() : '');
const isDraft = (article: ParsedArticle) => article.data.draft === true;
/** Lower case words separated by single spaces, so "Speed-to-lead," matches "speed to lead". */
const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
/** Words with a plural "s" dropped, so "short lead forms" is found in "a short lead form". */
const stems = (text: string) => words(text).replace(/(\p{L}{3,})s\b/gu, '$1');
/** Whether the text mentions the keyword, by words, ignoring case, punctuation and a plural "s". */
export const mentions = (text: string, keyword: string) => ` ${stems(text)} `.includes(` ${stems(keyword)} `);
/** The first INTRO_WORDS words of a text, normalised as words() does, without normalising the whole text. */
function openingWords(text: string): string {
  for (let end = INTRO_WORDS * 16; ; end *= 2) {
    const opening = words(text.slice(0, end)).split(' ');
    if (opening.length > INTRO_WORDS || end >= text.length) return opening.slice(0, INTRO_WORDS).join(' ');
  }
}
/** The page path a site-relative link points to, with the trailing slash pages use, and its anchor. */
export function splitLink(url: string): { path: string; anchor: string } {
  const [beforeHash, anchor = ''] = url.split('#', 2) as [string, string?];
  const path = beforeHash.split('?')[0] ?? '';
  return { path: path && !path.endsWith('/') && !/\.[a-z0-9]+$/i.test(path) ? `${path}/` : path, anchor: decodeURIComponent(anchor) };
}
export const articlePathOf = (article: ParsedArticle) => `/articles/${article.slug}/`;
export const internalLinks = (article: ParsedArticle) => article.links.filter((link) => link.url.startsWith('/') && !link.url.startsWith('//'));

/** Why a link's page is not built; for a page of a list, which pages the list has. */
function missingPageMessage(url: string, site: SiteIndex): string {
  const later = laterPageOf(splitLink(url).path);
  const last = later && site.lastPages.get(later.basePath);
  if (!later || last === undefined) return `${url} is not a page of the site`;
  if (later.number === 1) return `${url} is not a page of the site: page 1 of the list is ${later.basePath}`;
  return `${url} is past the last page of ${later.basePath}, which has ${last} ${last === 1 ? 'page' : 'pages'}`;
}

function lengthRule(id: ArticleRuleId, key: string, { min, max }: { min: number; max: number }, rationale: string): ArticleRule {
  return {
    id,
    severity: 'error',
    rationale,
    check(article) {
      const value = stringAt(article, key);
      if (value.length >= min && value.length <= max) return [];
      return [{ ...article.placeOf([key]), message: `${key} has ${value.length} characters; keep it between ${min} and ${max}` }];
    },
  };
}

function keywordRule(
  id: ArticleRuleId,
  where: string,
  rationale: string,
  found: (article: ParsedArticle, keyword: string) => boolean,
  place: (article: ParsedArticle) => Place,
): ArticleRule {
  return {
    id,
    severity: 'warning',
    rationale,
    check(article) {
      const keyword = stringAt(article, 'keyword');
      if (!keyword || found(article, keyword)) return [];
      return [{ ...place(article), message: `the keyword "${keyword}" is not in ${where}` }];
    },
  };
}

/**
 * Lookups over the whole site, built once per check and shared by every article's rules, so the
 * rules stay linear in the number of articles: scanning every article from each article's rules
 * took 20 s for 1,000 articles and 79 s for 2,000.
 */
class SiteLookups {
  readonly #articles: readonly ParsedArticle[];
  #byPath?: Map<string, ParsedArticle>;
  #drafts?: Set<string>;
  #linkers?: Map<string, Set<ParsedArticle>>;
  readonly #byValue = new Map<string, Map<string, ParsedArticle[]>>();

  constructor(site: SiteIndex) {
    this.#articles = site.articles;
  }

  /** The article at a page path (`/articles/speed-to-lead/`). */
  articleAt(path: string): ParsedArticle | undefined {
    this.#byPath ??= new Map(this.#articles.map((article) => [articlePathOf(article), article]));
    return this.#byPath.get(path);
  }

  /** The page paths of draft articles. */
  get drafts(): ReadonlySet<string> {
    return (this.#drafts ??= new Set(this.#articles.filter(isDraft).map(articlePathOf)));
  }

  /** The articles with an internal link to a page path. */
  linkersOf(path: string): ReadonlySet<ParsedArticle> {
    if (!this.#linkers) {
      this.#linkers = new Map();
      for (const article of this.#articles) {
        for (const link of internalLinks(article)) {
          const target = splitLink(link.url).path;
          const linkers = this.#linkers.get(target) ?? new Set();
          this.#linkers.set(target, linkers.add(article));
        }
      }
    }
    return this.#linkers.get(path) ?? new Set();
  }

  /** The articles whose frontmatter `key` reads `value` once case and punctuation are set aside. */
  sharing(key: string, value: string): readonly ParsedArticle[] {
    let byValue = this.#byValue.get(key);
    if (!byValue) {
      byValue = new Map();
      for (const article of this.#articles) {
        const normalised = words(stringAt(article, key));
        if (normalised) byValue.set(normalised, [...(byValue.get(normalised) ?? []), article]);
      }
      this.#byValue.set(key, byValue);
    }
    return byValue.get(value) ?? [];
  }
}

const siteLookups = new WeakMap<SiteIndex, SiteLookups>();

function lookupsOf(site: SiteIndex): SiteLookups {
  let lookups = siteLookups.get(site);
  if (!lookups) siteLookups.set(site, (lookups = new SiteLookups(site)));
  return lookups;
}

function duplicateRule(id: ArticleRuleId, key: string, rationale: string): ArticleRule {
  return {
    id,
    severity: 'error',
    rationale,
    check(article, site) {
      const value = words(stringAt(article, key));
      const others = value
        ? lookupsOf(site)
            .sharing(key, value)
            .filter((other) => other !== article)
        : [];
      return others.length ? [{ ...article.placeOf([key]), message: `the same ${key} as ${others.map((other) => other.file).join(', ')}` }] : [];
    },
  };
}

/** The article rules, in the order their problems are printed for a file. */
export const ARTICLE_RULES: readonly ArticleRule[] = [
  lengthRule('title-length', 'title', TITLE_LENGTH, 'search results cut titles past about 60 characters, and a short one wastes the most-read line'),
  lengthRule('description-length', 'description', DESCRIPTION_LENGTH, 'a description of 70–160 characters is shown whole as the search snippet'),
  keywordRule(
    'keyword-in-title',
    'the title',
    'the title is what searchers match their query against',
    (article, keyword) => mentions(stringAt(article, 'title'), keyword),
    (article) => article.placeOf(['title']),
  ),
  keywordRule(
    'keyword-in-intro',
    `the first ${INTRO_WORDS} words`,
    'the opening should answer the query at once, for readers and for search engines',
    (article, keyword) => mentions(openingWords(article.text), keyword),
    (article) => article.body,
  ),
  keywordRule(
    'keyword-in-description',
    'the description',
    'search engines bold the query in the snippet, which draws the click',
    (article, keyword) => mentions(stringAt(article, 'description'), keyword),
    (article) => article.placeOf(['description']),
  ),
  keywordRule(
    'keyword-in-slug',
    'the slug',
    'a URL that repeats the query tells searchers the page is about it',
    (article, keyword) => mentions(article.slug, tagSlug(keyword)),
    (article) => article.placeOf(['keyword']),
  ),
  {
    id: 'reserved-slug',
    severity: 'error',
    rationale: `/articles/${PAGE_SEGMENT}/<n>/ is a later page of the article list: an article there would be hidden`,
    check: (article) =>
      article.slug.split('/')[0] === PAGE_SEGMENT
        ? [
            {
              ...article.placeOf(['title']),
              message: `the slug "${article.slug}" starts with "${PAGE_SEGMENT}/", which the article list's pages use: move or rename the file`,
            },
          ]
        : [],
  },
  {
    id: 'single-h1',
    severity: 'error',
    rationale: 'the layout renders the title as the one h1; a second one blurs what the page is about',
    check: (article) =>
      article.headings
        .filter((heading) => heading.depth === 1)
        .map((heading) => ({ ...heading, message: `"${heading.text}" is a second h1 (the title is the page's h1): use ## for sections` })),
  },
  {
    id: 'heading-order',
    severity: 'error',
    rationale: 'skipped heading levels break the outline screen readers and the table of contents follow',
    check(article) {
      const findings: Finding[] = [];
      let previous = 1;
      for (const heading of article.headings) {
        if (heading.depth > previous + 1)
          findings.push({ ...heading, message: `h${heading.depth} "${heading.text}" follows an h${previous}: no level may be skipped` });
        previous = heading.depth;
      }
      return findings;
    },
  },
  {
    id: 'image-alt',
    severity: 'error',
    rationale: 'people who cannot see an image, and search engines, read its alt text',
    check: (article) => article.images.filter((image) => !image.alt.trim()).map((image) => ({ ...image, message: 'the image has no alt text' })),
  },
  duplicateRule('duplicate-title', 'title', 'two pages with one title compete for the same search'),
  duplicateRule('duplicate-description', 'description', 'a snippet shared by two pages tells the searcher nothing about either'),
  {
    id: 'magnet-exists',
    severity: 'error',
    rationale: 'an offer for a magnet with no file would show a broken form',
    check(article, site) {
      const magnet = stringAt(article, 'magnet');
      return magnet && !site.magnets.has(magnet)
        ? [{ ...article.placeOf(['magnet']), message: `magnet "${magnet}" has no file in content/magnets/` }]
        : [];
    },
  },
  {
    id: 'faq-empty',
    severity: 'error',
    rationale: 'an empty question or answer is published as FAQPage JSON-LD that search engines reject',
    check(article) {
      const faq = Array.isArray(article.data.faq) ? (article.data.faq as unknown[]) : [];
      return faq.flatMap((entry, index) =>
        (['question', 'answer'] as const)
          .filter(
            (key) => typeof (entry as Record<string, unknown> | null)?.[key] !== 'string' || !((entry as Record<string, string>)[key] ?? '').trim(),
          )
          .map((key) => ({ ...article.placeOf(['faq', index]), message: `FAQ entry ${index + 1} has no ${key}` })),
      );
    },
  },
  {
    id: 'internal-link',
    severity: 'error',
    rationale: 'a link to a page the site does not build is a 404 for readers and crawlers',
    check: (article, site) =>
      internalLinks(article)
        .filter((link) => !site.pages.has(splitLink(link.url).path))
        .map((link) => ({ ...link, message: missingPageMessage(link.url, site) })),
  },
  {
    id: 'link-anchor',
    severity: 'error',
    rationale: 'an anchor with no heading to land on leaves the reader at the top of the page',
    check(article, site) {
      const findings: Finding[] = [];
      for (const link of article.links) {
        const { path, anchor } = splitLink(link.url);
        if (!anchor || (path && !link.url.startsWith('/'))) continue;
        const target = path ? lookupsOf(site).articleAt(path) : article;
        // Anchors on pages other than articles are not checked: their headings come from layouts, not content.
        if (target && !target.headings.some((heading) => heading.slug === anchor)) {
          findings.push({ ...link, message: `#${anchor} is not a heading of ${path || 'this page'}` });
        }
      }
      return findings;
    },
  },
  {
    id: 'draft-link',
    severity: 'error',
    rationale: 'a draft is built with noindex for review only; a published page must not send readers to it',
    check(article, site) {
      if (isDraft(article)) return [];
      const { drafts } = lookupsOf(site);
      return internalLinks(article)
        .filter((link) => drafts.has(splitLink(link.url).path))
        .map((link) => ({ ...link, message: `${link.url} is a draft` }));
    },
  },
  {
    id: 'orphan',
    severity: 'warning',
    rationale: 'an article no other article links to is hard for readers and crawlers to reach',
    check(article, site) {
      if (isDraft(article)) return [];
      const path = articlePathOf(article);
      const linked = [...lookupsOf(site).linkersOf(path)].some((other) => other !== article);
      return linked ? [] : [{ ...article.placeOf(['title']), message: 'no other article links to this one' }];
    },
  },
  {
    id: 'placeholder',
    severity: 'error',
    rationale: PLACEHOLDER_RATIONALE,
    // A draft is reviewed before it is published: its hints may stay while it is written.
    check: (article) => (isDraft(article) ? [] : article.placeholders),
  },
];
