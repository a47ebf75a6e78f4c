import { beforeAll, describe, expect, it } from 'vitest';
import { articleTags } from '../../src/articles/article-tags.ts';
import { loadArticles } from '../../src/content-checks/load-articles.ts';
import { loadLandings } from '../../src/landing/landing-schema.ts';
import { loadMagnets } from '../../src/magnets/catalog.ts';
import { compileSequences } from '../../src/nurture/sequences.ts';
import type { LeadEvent } from '../../src/scoring/lead-events.ts';
import { nextQuestions } from '../../src/scoring/next-questions.ts';
import { LeadStatus } from '../../src/leads/lead-status.ts';
import type { ScoringRules } from '../../src/scoring/rules.ts';
import { scoreLead } from '../../src/scoring/score-lead.ts';
import { checkScoringRules } from '../../src/scoring/scoring-check.ts';
import { daysAgo, NOW, view } from './rules-fixture.ts';

/** The rules in content/scoring.yaml, checked against the shipped forms, magnets, tags and sequences. */
let rules: ScoringRules;
let problems: string[];
beforeAll(async () => {
  const checked = await checkScoringRules('content/scoring.yaml', {
    magnets: await loadMagnets(),
    sequences: await compileSequences(),
    landings: await loadLandings(),
    tags: articleTags(await loadArticles()),
  });
  problems = checked.problems;
  rules = checked.rules!;
});

const article = (slug: string, tags: string[], at = NOW): LeadEvent => view(`/articles/${slug}/`, at, tags);
const worksheet: LeadEvent = { type: 'magnet_download', at: daysAgo(1), magnet: 'lead-scoring-worksheet' };

describe('the shipped scoring rules', () => {
  it('name only fields the forms or questions ask, with their options, and magnets, tags and sequences that exist', () => {
    expect(problems).toEqual([]);
  });

  it('send a head of sales of a 51–200 company, buying within 3 months and reading about scoring, to sales', () => {
    const result = scoreLead(
      rules,
      {
        answers: { company_size: '51-200 people', role: 'Head of sales or marketing', timeline: 'Within 3 months' },
        email: 'dana@logistics.example',
        events: [
          worksheet,
          article('lead-scoring-with-bant', ['Lead scoring', 'Qualification', 'Sales handoff']),
          article('speed-to-lead', ['Sales handoff']),
        ],
      },
      NOW,
    );
    expect(result.lines.map((line) => line.text)).toEqual([
      '+15 role: Head of sales or marketing',
      '+15 company size: 51-200 people',
      '+10 timeline: Within 3 months',
      '+5 read an article tagged "Lead scoring"',
      '+5 read an article tagged "Sales handoff"',
      '+5 downloaded a magnet',
      '+5 downloaded lead-scoring-worksheet',
      '+5 came back on another day',
    ]);
    expect(result).toMatchObject({ score: 65, status: LeadStatus.SalesReady });
  });

  it('keep a founder of an 11–50 company who comes back and clicks an email marketing-qualified', () => {
    const result = scoreLead(
      rules,
      {
        answers: { role: 'Founder or owner', company_size: '11-50 people' },
        email: 'ola@agency.example',
        events: [view('/', daysAgo(2)), { type: 'email_click', at: NOW }],
      },
      NOW,
    );
    expect(result).toMatchObject({ score: 40, status: LeadStatus.MarketingQualified });
  });

  it('keep a student on a free-mail address who reads everything out of sales', () => {
    const events = [
      worksheet,
      article('lead-scoring-with-bant', ['Lead scoring']),
      article('what-is-a-lead', ['Lead scoring']),
      { type: 'email_click', at: NOW } as const,
    ];
    const result = scoreLead(rules, { answers: { role: 'Student or looking for work' }, email: 'kim@gmail.com', events }, NOW);
    expect(result.lines.map((line) => line.text).slice(0, 2)).toEqual([
      '\u221220 role: Student or looking for work',
      '\u221210 free-mail address: gmail.com',
    ]);
    expect(result.status).toBe(LeadStatus.New);
  });

  it('hand a review request to sales at once, whatever else is known', () => {
    const result = scoreLead(rules, { answers: { team_size: '1-2' }, email: 'sam@gmail.com', events: [{ type: 'consultation', at: NOW }] }, NOW);
    expect(result).toMatchObject({ score: 20, status: LeadStatus.SalesReady, handoff: { reason: 'consultation', at: NOW } });
  });

  it('ask a worksheet reader role, budget and timeline next: company size came with the form', () => {
    expect(nextQuestions(rules, { company_size: '11-50 people' }).map((question) => question.name)).toEqual(['role', 'budget', 'timeline']);
  });
});
