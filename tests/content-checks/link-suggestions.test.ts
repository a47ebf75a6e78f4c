import { describe, expect, it } from 'vitest';
import { formatLinkSuggestions, linkSuggestions } from '../../src/content-checks/link-suggestions.ts';
import { parseArticle } from '../../src/content-checks/parse-article.ts';

/** An article about lead scoring; its body starts on line 6. */
const target = `---\ntitle: "Lead scoring"\nkeyword: "lead scoring"\n${''}---\n\nLead scoring ranks leads.\n`;

/** Another article, with `body` from line 5 and `extra` frontmatter. */
const other = (body: string, extra = '') => `---\ntitle: "Forms"\n${extra}---\n\n${body}`;

function suggestionsOf(body: string, extra = ''): string[] {
  const articles = [
    parseArticle('content/articles/lead-scoring.mdx', 'lead-scoring', target),
    parseArticle('content/articles/forms.mdx', 'forms', other(body, extra)),
  ];
  return linkSuggestions(articles).map((suggestion) => `${suggestion.file}:${suggestion.line}:${suggestion.column} -> ${suggestion.target}`);
}

describe('the internal linking report', () => {
  it.each<[string, string, string[]]>([
    [
      'names a mention without a link, at its line',
      'Intro.\n\nWe rank them with **lead scoring** each week.\n',
      ['content/articles/forms.mdx:7:21 -> /articles/lead-scoring/'],
    ],
    ['finds the keyword in its plural, any case', 'Intro.\n\nLead Scorings differ.\n', ['content/articles/forms.mdx:7:1 -> /articles/lead-scoring/']],
    ['says nothing once the article links to it', 'Lead scoring first, then [the model](/articles/lead-scoring/).\n', []],
    ['says nothing of a mention that is itself a link elsewhere', 'See [lead scoring](https://example.com/).\n', []],
    ['says nothing of a mention in a heading', '## Lead scoring\n\nText.\n', []],
    ['says nothing of a mention in code', '```\nlead scoring\n```\n', []],
    ['says nothing of a draft', 'Lead scoring, in a draft.\n', []],
  ])('%s', (name, body, expected) => {
    expect(suggestionsOf(body, name.includes('draft') ? 'draft: true\n' : '')).toEqual(expected);
  });

  it('prints a block per article with each place as path:line:column', () => {
    const articles = [
      parseArticle('content/articles/lead-scoring.mdx', 'lead-scoring', target),
      parseArticle('content/articles/forms.mdx', 'forms', other('Lead scoring.\n')),
    ];
    expect(formatLinkSuggestions(linkSuggestions(articles))).toBe(
      '/articles/lead-scoring/ (keyword "lead scoring") is mentioned without a link in:\n  content/articles/forms.mdx:5:1',
    );
  });
});
