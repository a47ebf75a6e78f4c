import { describe, expect, it } from 'vitest';
import { checkArticles, type SiteContent } from '../../src/content-checks/check-articles.ts';
import { parseArticle } from '../../src/content-checks/parse-article.ts';
import { formatProblem } from '../../src/content-checks/problem.ts';

const content: SiteContent = {
  magnets: ['scoring-worksheet'],
  authors: ['maya'],
  landings: [{ slug: 'review', variants: ['meta'] }],
  articlesPerPage: 24,
};

interface Fixture {
  slug?: string;
  title?: string;
  description?: string;
  keyword?: string;
  extra?: string;
  body?: string;
}

/** A valid article about "lead scoring", with any field or the body replaced; the body starts on line 9. */
function mdx({
  title = 'Lead scoring: a points model for small teams',
  description = 'Lead scoring turns what you know about a lead into points, so sales calls the right people first and on time.',
  keyword = 'lead scoring',
  extra = '',
  body = 'Lead scoring ranks leads by points. See [the other article](/articles/other/).\n\n## How it works\n\nText.\n',
}: Fixture = {}): string {
  return `---\ntitle: "${title}"\ndescription: "${description}"\nkeyword: "${keyword}"\nauthor: maya\ntags: ["Lead scoring"]\n${extra}---\n\n${body}`;
}

/** The other article of the site: links back, so neither is an orphan. */
const other = `---\ntitle: "Other reading: a neighbour article for the tests"\ndescription: "Other reading for the tests: a second article, so that the first one has a neighbour linking to it from its body."\nkeyword: "other"\ntags: ["Other"]\n---\n\nOther reading links to [lead scoring](/articles/lead-scoring/).\n\n## Part\n`;

function problemsOf(fixture: Fixture & { others?: string[] } = {}): string[] {
  const slug = fixture.slug ?? 'lead-scoring';
  const articles = [
    parseArticle(`content/articles/${slug}.mdx`, slug, mdx(fixture)),
    ...(fixture.others ?? [other.replace('/articles/lead-scoring/', `/articles/${slug}/`)]).map((source, index) =>
      parseArticle(`content/articles/other${index || ''}.mdx`, `other${index || ''}`, source),
    ),
  ];
  return checkArticles(articles, content).map((problem) => formatProblem(problem).split('  ').slice(0, 2).join(' '));
}

describe('the article rules', () => {
  it('find nothing in a valid article', () => {
    expect(problemsOf()).toEqual([]);
  });

  it.each<[string, Fixture, string]>([
    ['title-length: a short title', { title: 'Lead scoring' }, 'content/articles/lead-scoring.mdx:2:1 title-length'],
    ['title-length: a long title', { title: `Lead scoring ${'x'.repeat(50)}` }, 'content/articles/lead-scoring.mdx:2:1 title-length'],
    [
      'description-length: a short description',
      { description: 'Lead scoring, in short.' },
      'content/articles/lead-scoring.mdx:3:1 description-length',
    ],
    [
      'description-length: a long description',
      { description: `Lead scoring ${'y'.repeat(160)}` },
      'content/articles/lead-scoring.mdx:3:1 description-length',
    ],
    ['keyword-in-title', { title: 'A points model for small sales and marketing teams' }, 'content/articles/lead-scoring.mdx:2:1 keyword-in-title'],
    [
      'keyword-in-description',
      { description: 'Points turn what you know about a lead into an order, so sales calls the right people first and on time.' },
      'content/articles/lead-scoring.mdx:3:1 keyword-in-description',
    ],
    [
      'keyword-in-intro',
      { body: `${'word '.repeat(100)}lead scoring. [x](/articles/other/)\n` },
      'content/articles/lead-scoring.mdx:9:1 keyword-in-intro',
    ],
    ['keyword-in-slug', { slug: 'points-model' }, 'content/articles/points-model.mdx:4:1 keyword-in-slug'],
    ['reserved-slug: a later page of the article list', { slug: 'page/lead-scoring' }, 'content/articles/page/lead-scoring.mdx:2:1 reserved-slug'],
    ['single-h1', { body: 'Lead scoring. [x](/articles/other/)\n\n# Another title\n' }, 'content/articles/lead-scoring.mdx:11:1 single-h1'],
    [
      'heading-order',
      { body: 'Lead scoring. [x](/articles/other/)\n\n## Part\n\n#### Detail\n' },
      'content/articles/lead-scoring.mdx:13:1 heading-order',
    ],
    [
      'image-alt: Markdown',
      { body: 'Lead scoring. [x](/articles/other/)\n\n![](./chart.png)\n' },
      'content/articles/lead-scoring.mdx:11:1 image-alt',
    ],
    [
      'image-alt: JSX',
      { body: 'Lead scoring. [x](/articles/other/)\n\n<img src="/chart.png" />\n' },
      'content/articles/lead-scoring.mdx:11:1 image-alt',
    ],
    ['magnet-exists', { extra: 'magnet: nowhere\n' }, 'content/articles/lead-scoring.mdx:7:1 magnet-exists'],
    ['faq-empty', { extra: 'faq:\n  - question: "Is it hard to start?"\n    answer: "  "\n' }, 'content/articles/lead-scoring.mdx:8:5 faq-empty'],
    [
      'internal-link',
      { body: 'Lead scoring, see [x](/articles/other/) and [y](/tags/nowhere/).\n' },
      'content/articles/lead-scoring.mdx:9:45 internal-link',
    ],
    [
      'link-anchor: this page',
      { body: 'Lead scoring, [x](/articles/other/) and [y](#nowhere).\n\n## Part\n' },
      'content/articles/lead-scoring.mdx:9:41 link-anchor',
    ],
    [
      'link-anchor: another article',
      { body: 'Lead scoring, [x](/articles/other/#nowhere).\n' },
      'content/articles/lead-scoring.mdx:9:15 link-anchor',
    ],
    ['lint-ignore: an unknown rule id', { extra: 'lint:\n  ignore: [no-such-rule]\n' }, 'content/articles/lead-scoring.mdx:8:12 lint-ignore'],
    [
      'placeholder: a hint of npm run new left in',
      { body: 'Lead scoring ranks leads, [more](/articles/other/).\n\n## How\n\nFILL IN: the steps.\n' },
      'content/articles/lead-scoring.mdx:13:1 placeholder',
    ],
  ])('%s', (_, fixture, expected) => {
    expect(problemsOf(fixture)).toEqual([expected]);
  });

  it.each<[string, Fixture]>([
    ['keyword-in-slug: a plural slug', { slug: 'lead-scorings' }],
    ['reserved-slug: a folder that only starts like the list pages', { slug: 'pages/lead-scoring' }],
    ['link-anchor: a heading of this page', { body: 'Lead scoring, [x](/articles/other/) and [y](#how-it-works).\n\n## How it works\n' }],
    ['link-anchor: a heading of another article', { body: 'Lead scoring, [x](/articles/other/#part).\n' }],
    [
      'internal-link: tag, author, magnet and landing pages, the feed',
      {
        body: 'Lead scoring, [a](/articles/other/) [b](/tags/lead-scoring/) [c](/authors/maya) [d](/magnets/scoring-worksheet/) [e](/lp/review/meta/) [f](/rss.xml).\n',
      },
    ],
    ['image-alt: an image with alt text', { body: 'Lead scoring. [x](/articles/other/)\n\n![A chart of scores](./chart.png)\n' }],
    ['heading-order: h2 then h3', { body: 'Lead scoring. [x](/articles/other/)\n\n## Part\n\n### Detail\n' }],
    ['magnet-exists: a magnet with a file', { extra: 'magnet: scoring-worksheet\n' }],
    ['lint: an ignored rule', { title: 'Lead scoring', extra: 'lint:\n  ignore: [title-length] # a reason\n' }],
  ])('pass: %s', (_, fixture) => {
    expect(problemsOf(fixture)).toEqual([]);
  });

  it('name both articles that share a title or a description', () => {
    const twin = mdx().replace('lead-scoring', 'x').replace('See [the other article](/articles/other/)', 'See [the first](/articles/lead-scoring/)');
    expect(
      problemsOf({ others: [twin.replace('keyword: "lead scoring"', 'keyword: "lead scoring"')] }).filter((line) => line.includes('duplicate')),
    ).toEqual([
      'content/articles/lead-scoring.mdx:2:1 duplicate-title',
      'content/articles/lead-scoring.mdx:3:1 duplicate-description',
      'content/articles/other.mdx:2:1 duplicate-title',
      'content/articles/other.mdx:3:1 duplicate-description',
    ]);
  });

  it('report a published article linking to a draft, and not a draft linking to one', () => {
    const draft = other.replace('tags: ["Other"]\n', 'tags: ["Other"]\ndraft: true\n');
    expect(problemsOf({ others: [draft] })).toEqual(['content/articles/lead-scoring.mdx:9:41 draft-link']);
  });

  it('warn about an article no other article links to', () => {
    const lonely = other.replace('[lead scoring](/articles/lead-scoring/)', 'lead scoring');
    expect(problemsOf({ others: [lonely] })).toEqual(['content/articles/lead-scoring.mdx:2:1 orphan']);
  });
});

describe('the internal-link rule on the later pages of a list', () => {
  // One article a page; two published articles by maya on lead scoring, one of them on forms too, and a draft no list shows.
  const onePerPage: SiteContent = { ...content, articlesPerPage: 1 };
  const neighbour = other.replace('tags: ["Other"]\n', 'tags: ["Lead scoring", "Forms"]\nauthor: maya\n');
  const draft = neighbour.replaceAll('Other reading', 'Draft reading').replace('author: maya\n', 'author: maya\ndraft: true\n');

  function linkProblems(url: string): string[] {
    const articles = [
      parseArticle('content/articles/lead-scoring.mdx', 'lead-scoring', mdx({ body: `Lead scoring, see [x](/articles/other/) and [y](${url}).\n` })),
      parseArticle('content/articles/other.mdx', 'other', neighbour),
      parseArticle('content/articles/draft.mdx', 'draft', draft),
    ];
    return checkArticles(articles, onePerPage)
      .filter((problem) => problem.rule === 'internal-link')
      .map((problem) => problem.message);
  }

  it.each<[string, string, string[]]>([
    ['accept page 2 of the article list', '/articles/page/2/', []],
    ['accept page 2 of a topic', '/tags/lead-scoring/page/2/', []],
    ['accept page 2 of an author, without the trailing slash', '/authors/maya/page/2', []],
    ['accept page 2 with an anchor', '/articles/page/2/#main', []],
    [
      'report page 3 of the article list, which drafts do not fill',
      '/articles/page/3/',
      ['/articles/page/3/ is past the last page of /articles/, which has 2 pages'],
    ],
    [
      'report page 3 of a topic',
      '/tags/lead-scoring/page/3/',
      ['/tags/lead-scoring/page/3/ is past the last page of /tags/lead-scoring/, which has 2 pages'],
    ],
    [
      'report page 2 of a topic with one article',
      '/tags/forms/page/2/',
      ['/tags/forms/page/2/ is past the last page of /tags/forms/, which has 1 page'],
    ],
    ['report page 9 of an author', '/authors/maya/page/9/', ['/authors/maya/page/9/ is past the last page of /authors/maya/, which has 2 pages']],
    [
      'report page 1, which is the list itself',
      '/articles/page/1/',
      ['/articles/page/1/ is not a page of the site: page 1 of the list is /articles/'],
    ],
    ['report a page of a topic no article has', '/tags/nowhere/page/2/', ['/tags/nowhere/page/2/ is not a page of the site']],
    ['report a page number with a leading zero', '/articles/page/02/', ['/articles/page/02/ is not a page of the site']],
  ])('%s: %s', (_, url, expected) => {
    expect(linkProblems(url)).toEqual(expected);
  });
});
