import { describe, expect, it } from 'vitest';
import { stepTemplate } from '../../src/nurture/sequences.ts';
import { describeBehaviour, occurrences } from '../../src/scoring/behaviour-rules.ts';
import type { LeadEvent } from '../../src/scoring/lead-events.ts';
import { behaviourRuleSchema } from '../../src/scoring/rules.ts';
import { scoreLead, type LeadScore } from '../../src/scoring/score-lead.ts';
import { daysAgo, leadWith, NOW, rulesWith, view } from './rules-fixture.ts';

const texts = (result: LeadScore) => result.lines.map((line) => line.text);
const sumOfLines = (result: LeadScore) => result.lines.reduce((sum, line) => sum + line.points, 0);

describe('behaviour rules: points for what the lead did', () => {
  // Around NOW (1 December 2026, 12:00 UTC), so that nothing has faded yet.
  const at = (month: number, day: number, hour: number, minute: number) => Date.UTC(2026, month - 1, day, hour, minute);
  const cases: [string, Record<string, unknown>, LeadEvent[], string[]][] = [
    ['a page viewed once', { event: 'page_view', path: '/pricing/', points: 10 }, [view('/pricing/')], ['+10 viewed /pricing/']],
    ['the same page without its trailing slash', { event: 'page_view', path: '/pricing/', points: 10 }, [view('/pricing')], ['+10 viewed /pricing/']],
    [
      'a page viewed twice',
      { event: 'page_view', path: '/pricing/', points: 5, max_times: 3 },
      [view('/pricing/'), view('/pricing/')],
      ['+10 viewed /pricing/ twice'],
    ],
    [
      'a page viewed 3 times',
      { event: 'page_view', path: '/pricing/', points: 5, max_times: 5 },
      [view('/pricing/'), view('/pricing/'), view('/pricing/')],
      ['+15 viewed /pricing/ 3 times'],
    ],
    [
      'views beyond max_times',
      { event: 'page_view', path: '/pricing/', points: 5, max_times: 2 },
      [view('/pricing/'), view('/pricing/'), view('/pricing/')],
      ['+10 viewed /pricing/ twice'],
    ],
    [
      'one view when max_times is left out',
      { event: 'page_view', path: '/pricing/', points: 5 },
      [view('/pricing/'), view('/pricing/')],
      ['+5 viewed /pricing/'],
    ],
    ['a page below an exact path', { event: 'page_view', path: '/pricing/', points: 10 }, [view('/pricing/old/')], []],
    [
      'a page under a prefix',
      { event: 'page_view', prefix: '/lp/', points: 10 },
      [view('/lp/scoring-review/meta-review/')],
      ['+10 viewed a page under /lp/'],
    ],
    [
      'the prefix page itself without its slash',
      { event: 'page_view', prefix: '/lp/scoring-review/', points: 10 },
      [view('/lp/scoring-review')],
      ['+10 viewed a page under /lp/scoring-review/'],
    ],
    ['a page beside a prefix', { event: 'page_view', prefix: '/lp/', points: 10 }, [view('/lpx/'), view('/articles/lp/')], []],
    [
      'an article with a tag',
      { event: 'page_view', tag: 'Lead scoring', points: 5 },
      [view('/articles/a/', NOW, ['Qualification', 'Lead scoring'])],
      ['+5 read an article tagged "Lead scoring"'],
    ],
    [
      'a tag given as its slug',
      { event: 'page_view', tag: 'Lead scoring', points: 5 },
      [view('/articles/a/', NOW, ['lead-scoring'])],
      ['+5 read an article tagged "Lead scoring"'],
    ],
    [
      'articles with other tags, or none',
      { event: 'page_view', tag: 'Lead scoring', points: 5 },
      [view('/articles/a/', NOW, ['Forms']), view('/lead-scoring/')],
      [],
    ],
    [
      'any magnet downloaded',
      { event: 'magnet_download', points: 5, max_times: 3 },
      [
        { type: 'magnet_download', at: NOW, magnet: 'a' },
        { type: 'magnet_download', at: NOW, magnet: 'b' },
      ],
      ['+10 downloaded a magnet twice'],
    ],
    [
      'a given magnet',
      { event: 'magnet_download', magnet: 'lead-scoring-worksheet', points: 10 },
      [{ type: 'magnet_download', at: NOW, magnet: 'lead-scoring-worksheet' }],
      ['+10 downloaded lead-scoring-worksheet'],
    ],
    [
      'another magnet than the given one',
      { event: 'magnet_download', magnet: 'lead-scoring-worksheet', points: 10 },
      [{ type: 'magnet_download', at: NOW, magnet: 'message-match-checklist' }],
      [],
    ],
    ['a link clicked in any email', { event: 'email_click', points: 5 }, [{ type: 'email_click', at: NOW }], ['+5 clicked a link in an email']],
    [
      'a click in a step of the given sequence',
      { event: 'email_click', sequence: 'welcome', points: 5 },
      [{ type: 'email_click', at: NOW, template: stepTemplate('welcome', '02-offers-worth-an-address') }],
      ['+5 clicked a link in the welcome emails'],
    ],
    [
      'a click in another sequence, or outside one',
      { event: 'email_click', sequence: 'welcome', points: 5 },
      [
        { type: 'email_click', at: NOW, template: stepTemplate('welcome-back', '01-hi') },
        { type: 'email_click', at: NOW, template: 'welcome' },
        { type: 'email_click', at: NOW },
      ],
      [],
    ],
    [
      'a return on another day',
      { event: 'return_visit', points: 5, max_times: 3 },
      [view('/', daysAgo(2)), view('/')],
      ['+5 came back on another day'],
    ],
    [
      'returns on 2 other days',
      { event: 'return_visit', points: 5, max_times: 3 },
      [view('/', daysAgo(3)), view('/', daysAgo(1)), { type: 'email_click', at: NOW }],
      ['+10 came back on 2 other days'],
    ],
    [
      'a return just past midnight UTC',
      { event: 'return_visit', points: 5 },
      [view('/', at(11, 30, 23, 59)), view('/', at(12, 1, 0, 1))],
      ['+5 came back on another day'],
    ],
    [
      'many visits on one UTC day',
      { event: 'return_visit', points: 5 },
      [view('/', at(12, 1, 0, 1)), view('/', at(12, 1, 6, 0)), view('/', at(12, 1, 11, 59))],
      [],
    ],
    ['a consultation request', { event: 'consultation', points: 30 }, [{ type: 'consultation', at: NOW }], ['+30 requested a consultation']],
    [
      'a rule’s own label, counted',
      { event: 'page_view', prefix: '/lp/scoring-review/', label: 'viewed the review offer', points: 5, max_times: 2 },
      [view('/lp/scoring-review/'), view('/lp/scoring-review/thanks/')],
      ['+10 viewed the review offer twice'],
    ],
    [
      'a download rule and events of other types',
      { event: 'magnet_download', points: 5 },
      [view('/magnets/lead-scoring-worksheet/'), { type: 'consultation', at: NOW }],
      [],
    ],
    [
      'a page rule and events of other types',
      { event: 'page_view', prefix: '/', points: 5 },
      [
        { type: 'magnet_download', at: NOW, magnet: 'a' },
        { type: 'email_click', at: NOW },
      ],
      [],
    ],
    ['a click rule and events of other types', { event: 'email_click', points: 5 }, [view('/'), { type: 'consultation', at: NOW }], []],
    [
      'a consultation rule and events of other types',
      { event: 'consultation', points: 5 },
      [view('/lp/scoring-review/thanks/'), { type: 'email_click', at: NOW }],
      [],
    ],
  ];

  it.each(cases)('%s', (_, rule, events, expected) => {
    const result = scoreLead(rulesWith({ behaviour: [rule] }), leadWith({ events }), NOW);
    expect(texts(result)).toEqual(expected);
    expect(result.score).toBe(sumOfLines(result));
  });

  it('adds the rules in the order the file lists them', () => {
    const rules = rulesWith({
      behaviour: [
        { event: 'email_click', points: 5 },
        { event: 'page_view', path: '/pricing/', points: 10 },
      ],
    });
    const result = scoreLead(rules, leadWith({ events: [view('/pricing/'), { type: 'email_click', at: NOW }] }), NOW);
    expect(texts(result)).toEqual(['+5 clicked a link in an email', '+10 viewed /pricing/']);
    expect(result.score).toBe(15);
  });
});

describe('occurrences and describeBehaviour', () => {
  it('counts every matching event, before max_times', () => {
    const rule = behaviourRuleSchema.parse({ event: 'page_view', prefix: '/articles/', points: 1, max_times: 2 });
    expect(occurrences(rule, [view('/articles/a/'), view('/articles/b/'), view('/articles/a/'), view('/')])).toBe(3);
  });

  it.each([
    [{ event: 'page_view', path: '/pricing/' }, 1, 'viewed /pricing/'],
    [{ event: 'page_view', tag: 'Lead scoring' }, 2, 'read an article tagged "Lead scoring" twice'],
    [{ event: 'magnet_download' }, 4, 'downloaded a magnet 4 times'],
    [{ event: 'email_click', sequence: 'welcome' }, 1, 'clicked a link in the welcome emails'],
    [{ event: 'return_visit' }, 1, 'came back on another day'],
    [{ event: 'return_visit' }, 3, 'came back on 3 other days'],
    [{ event: 'return_visit', label: 'returned' }, 3, 'returned 3 times'],
    [{ event: 'consultation' }, 2, 'requested a consultation twice'],
  ])('%j counted %i: %s', (rule, times, text) => {
    expect(describeBehaviour(behaviourRuleSchema.parse({ points: 5, ...rule }), times)).toBe(text);
  });
});
