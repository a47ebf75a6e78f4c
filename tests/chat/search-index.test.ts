import { beforeAll, describe, expect, it } from 'vitest';
import { articlePassages, plainText, sitePassages } from '../../src/chat/passages.ts';
import { buildSearchIndex, search, terms, type SearchIndex } from '../../src/chat/search-index.ts';

let index: SearchIndex;
beforeAll(async () => {
  index = buildSearchIndex(await sitePassages());
});

describe('retrieval over the shipped content', () => {
  it.each<[string, string]>([
    ['What does BANT stand for?', '/articles/lead-scoring-with-bant/'],
    ['What score should make a lead sales-ready?', '/articles/lead-scoring-with-bant/'],
    ['How fast should we follow up a lead?', '/articles/speed-to-lead/'],
    ['How many fields should a signup form have?', '/articles/short-lead-forms/'],
    ['How long should the delays between nurture emails be?', '/articles/email-nurture-sequences/'],
    ['How do I calculate cost per lead?', '/articles/cost-per-lead-and-roi/'],
    ['What is the difference between ROAS and ROI?', '/articles/cost-per-lead-and-roi/'],
    ['How should I match a TikTok ad?', '/articles/landing-page-message-match/'],
    ['How many emails should a nurture sequence have?', '/articles/email-nurture-sequences/'],
    ['What is inside the lead scoring worksheet?', '/magnets/lead-scoring-worksheet/'],
    ['Which format of lead magnet converts best?', '/articles/lead-magnets-that-convert/'],
    ['What is the difference between a lead and a prospect?', '/articles/what-is-a-lead/'],
    ['Do I need scoring software to use the worksheet?', '/lp/lead-scoring/'],
  ])('"%s" finds %s first', (question, url) => {
    expect(search(index, question)[0]?.passage.url).toBe(url);
  });

  it.each(['What is the weather in Paris tomorrow?', 'Recommend a good pizza recipe', 'the and of', ''])('has no answer to "%s"', (question) => {
    expect(search(index, question)).toEqual([]);
  });

  it('leaves drafts out', () => {
    expect(index.passages.some((passage) => passage.url === '/articles/lead-handoff-sla/')).toBe(false);
  });

  it('returns one passage per page, the best first', () => {
    const hits = search(index, 'lead scoring threshold sales-ready points', 3);
    expect(new Set(hits.map((hit) => hit.passage.url)).size).toBe(hits.length);
    expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
  });
});

describe('passages', () => {
  it('splits an article into paragraphs under their headings, with its FAQ, and drops tags and link targets', () => {
    const source = [
      '---',
      'title: "Forms"',
      'faq:',
      '  - question: "How short?"',
      '    answer: "Three fields."',
      '---',
      '',
      'Short forms convert better because every field costs a share of the people who start them.',
      '',
      '<LeadMagnet slug="x" />',
      '',
      '## Every field needs a job',
      '',
      'Ask for a field only when [sales](/articles/x/) uses the answer within a **week** of the signup.',
      '',
      '| a | b |',
    ].join('\n');
    expect(articlePassages('forms', source)).toEqual([
      { title: 'Forms', url: '/articles/forms/', text: 'Short forms convert better because every field costs a share of the people who start them.' },
      {
        title: 'Forms › Every field needs a job',
        url: '/articles/forms/',
        text: 'Ask for a field only when sales uses the answer within a week of the signup.',
      },
      { title: 'Forms › How short?', url: '/articles/forms/', text: 'How short? Three fields.' },
    ]);
  });

  it.each<[string, string]>([
    ['**bold** and _it_', 'bold and it'],
    ['- one\n- two', 'one two'],
    ['<Aside>note</Aside>', 'note'],
  ])('plainText(%j) is %j', (markdown, text) => {
    expect(plainText(markdown)).toBe(text);
  });

  it.each<[string, string[]]>([
    ['Leads and scoring', ['lead', 'scor']],
    ['the companies', ['company']],
  ])('terms(%j) folds endings', (text, expected) => {
    expect(terms(text)).toEqual(expected);
  });
});
