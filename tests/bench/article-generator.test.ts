import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkArticles } from '../../src/content-checks/check-articles.ts';
import { loadArticles, loadAuthorIds } from '../../src/content-checks/load-articles.ts';
import { parseArticle } from '../../src/content-checks/parse-article.ts';
import { site } from '../../src/site.config.ts';
import { generatedArticle, generatedName } from './article-generator.ts';

const TEMPLATE = readFileSync('content/articles/email-nurture-sequences.mdx', 'utf8');

describe('the build bench’s generated articles', () => {
  it('pass every article rule beside the shipped articles, so the bench builds what a real site would', async () => {
    const count = 3;
    const generated = Array.from({ length: count }, (_, at) => {
      const name = generatedName(at + 1);
      return parseArticle(`content/articles/bench/${name}.mdx`, `bench/${name}`, generatedArticle(TEMPLATE, at + 1, count));
    });
    const problems = checkArticles([...(await loadArticles()), ...generated], {
      magnets: readdirSync('content/magnets')
        .filter((file) => file.endsWith('.md'))
        .map((file) => file.replace(/\.md$/, '')),
      authors: await loadAuthorIds(),
      landings: [],
      articlesPerPage: site.articlesPerPage,
    });
    expect(problems.filter((problem) => problem.file.includes('/bench/'))).toEqual([]);
  });

  it('differ in title, description and text', () => {
    const [one, two] = [1, 2].map((index) => generatedArticle(TEMPLATE, index, 2));
    const line = (text: string, key: string) => new RegExp(`^${key}: .*$`, 'm').exec(text)![0];
    expect(line(one!, 'title')).not.toBe(line(two!, 'title'));
    expect(line(one!, 'description')).not.toBe(line(two!, 'description'));
    expect(one!.split('---')[2]).not.toBe(two!.split('---')[2]);
  });
});
