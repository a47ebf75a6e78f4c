import { describe, expect, it } from 'vitest';
import { DAY_MS, type LeadEvent } from '../../src/scoring/lead-events.ts';
import { LeadStatus } from '../../src/leads/lead-status.ts';
import { HandoffReason } from '../../src/handoff/handoff.ts';
import { decayedPoints, formatPoints, scoreLead, type LeadScore } from '../../src/scoring/score-lead.ts';
import { daysAgo, leadWith, NOW, rulesWith, view } from './rules-fixture.ts';

const texts = (result: LeadScore) => result.lines.map((line) => line.text);
const sumOfLines = (result: LeadScore) => result.lines.reduce((sum, line) => sum + line.points, 0);

describe('fit rules: points for the answers a lead gave', () => {
  const rules = rulesWith({
    fit: [
      { field: 'budget', values: ['Over $10,000'], points: 20 },
      { field: 'budget', values: ['$1,000 to $10,000'], points: 10 },
      { field: 'company_size', values: ['11-50 people', '51-200 people'], points: 15 },
      { field: 'team_size', label: 'sales and marketing team', values: ['3-10'], points: 10 },
      { field: 'role', values: ['Student or looking for work'], points: -20 },
      { field: 'role', values: ['Founder or owner', 'Head of sales or marketing'], points: 15 },
      { field: 'role', values: ['Founder or owner'], points: 5, label: 'decides alone' },
      { field: 'newsletter', values: ['true'], points: 5 },
    ],
  });

  it.each([
    ['a budget over 10k', { budget: 'Over $10,000' }, ['+20 budget: Over $10,000']],
    ['the second of a field’s rules', { budget: '$1,000 to $10,000' }, ['+10 budget: $1,000 to $10,000']],
    ['an answer no rule lists', { budget: 'None yet' }, []],
    ['a field name with underscores, read with spaces', { company_size: '51-200 people' }, ['+15 company size: 51-200 people']],
    ['a rule’s own label', { team_size: '3-10' }, ['+10 sales and marketing team: 3-10']],
    ['a student, as negative points', { role: 'Student or looking for work' }, ['\u221220 role: Student or looking for work']],
    [
      'two rules matching one answer, each a line',
      { role: 'Founder or owner' },
      ['+15 role: Founder or owner', '+5 decides alone: Founder or owner'],
    ],
    [
      'answers in the order of the rules, not of the form',
      { role: 'Head of sales or marketing', budget: 'Over $10,000' },
      ['+20 budget: Over $10,000', '+15 role: Head of sales or marketing'],
    ],
    ['an answer differing in case only', { budget: 'over $10,000' }, []],
    ['a ticked checkbox, which is not an option', { newsletter: true }, []],
  ])('%s', (_, answers, expected) => {
    const result = scoreLead(rules, leadWith({ answers }), NOW);
    expect(texts(result)).toEqual(expected);
    expect(result.score).toBe(sumOfLines(result));
  });
});

describe('email domain rules: points for the address', () => {
  const rules = rulesWith({
    email_domains: [
      { label: 'competitor', domains: ['hubspot.com', 'marketo.com'], points: -50 },
      { label: 'free-mail address', domains: ['gmail.com', 'yahoo.co.uk'], points: -10 },
    ],
  });

  it.each([
    ['sam@gmail.com', ['\u221210 free-mail address: gmail.com']],
    ['  Sam@GMail.COM ', ['\u221210 free-mail address: gmail.com']],
    ['sam@yahoo.co.uk', ['\u221210 free-mail address: yahoo.co.uk']],
    ['sam@hubspot.com', ['\u221250 competitor: hubspot.com']],
    ['sam@eu.marketo.com', ['\u221250 competitor: eu.marketo.com']],
    ['sam@notgmail.com', []],
    ['sam@gmail.com.example', []],
    ['sam@acme.example', []],
    ['gmail.com@acme.example', []],
  ])('%j', (email, expected) => {
    expect(texts(scoreLead(rules, leadWith({ email }), NOW))).toEqual(expected);
  });
});

describe('behaviour cap', () => {
  const behaviour = [
    { event: 'page_view', path: '/a/', points: 20 },
    { event: 'page_view', path: '/b/', points: 15 },
    { event: 'page_view', path: '/c/', points: 10 },
  ];
  const events = [view('/a/'), view('/b/'), view('/c/')];

  it('takes off the behaviour points above the cap, in one line', () => {
    const result = scoreLead(rulesWith({ behaviour, behaviour_cap: 30 }), leadWith({ events }), NOW);
    expect(texts(result)).toEqual(['+20 viewed /a/', '+15 viewed /b/', '+10 viewed /c/', '\u221215 behaviour capped at 30']);
    expect(result.score).toBe(30);
  });

  it('leaves fit points and behaviour at the cap alone', () => {
    const rules = rulesWith({ behaviour, behaviour_cap: 45, fit: [{ field: 'budget', values: ['Over $10,000'], points: 20 }] });
    const result = scoreLead(rules, leadWith({ events, answers: { budget: 'Over $10,000' } }), NOW);
    expect(result.lines.map((line) => line.kind)).toEqual(['fit', 'behaviour', 'behaviour', 'behaviour']);
    expect(result.score).toBe(65);
  });
});

describe('decay: behaviour points halve every half-life from the last activity', () => {
  const pricing = (points: number, max_times = 1) => rulesWith({ behaviour: [{ event: 'page_view', path: '/pricing/', points, max_times }] });

  it.each([
    ['one half-life: half the points', 20, 30, '\u221210 decay (30 days since last activity)', 10],
    ['12 days: 20 × 2^(−12/30) = 15.16, rounded to 15', 20, 12, '\u22125 decay (12 days since last activity)', 15],
    ['two half-lives: 10 × 0.25 = 2.5, rounded half up to 3', 10, 60, '\u22127 decay (60 days since last activity)', 3],
    ['one day: 100 × 2^(−1/30) = 97.7, rounded to 98', 100, 1, '\u22122 decay (1 day since last activity)', 98],
    ['29.9 days count as 29 whole days: 100 → 51', 100, 29.9, '\u221249 decay (29 days since last activity)', 51],
    ['30 days: 100 → 50', 100, 30, '\u221250 decay (30 days since last activity)', 50],
  ])('%s', (_, points, age, decayLine, score) => {
    const result = scoreLead(pricing(points), leadWith({ events: [view('/pricing/', daysAgo(age))] }), NOW);
    expect(texts(result)).toEqual([`+${points} viewed /pricing/`, decayLine]);
    expect(result.score).toBe(score);
    expect(sumOfLines(result)).toBe(score);
  });

  it.each([
    ['the same moment', NOW],
    ['23 hours before', NOW - 23 * 60 * 60 * 1000],
    ['an event stamped after now (clocks apart)', NOW + 5 * DAY_MS],
  ])('takes nothing off within the first day: %s', (_, at) => {
    expect(texts(scoreLead(pricing(20), leadWith({ events: [view('/pricing/', at)] }), NOW))).toEqual(['+20 viewed /pricing/']);
  });

  it('leaves no line when rounding keeps every point', () => {
    // 20 × 2^(−1/30) = 19.54, rounded to 20.
    expect(texts(scoreLead(pricing(20), leadWith({ events: [view('/pricing/', daysAgo(1))] }), NOW))).toEqual(['+20 viewed /pricing/']);
  });

  it('counts from the most recent event, whatever its kind', () => {
    const events: LeadEvent[] = [view('/pricing/', daysAgo(90)), view('/pricing/', daysAgo(40)), { type: 'email_click', at: daysAgo(10) }];
    // 20 × 2^(−10/30) = 15.87 → 16; the click earns nothing but is activity.
    expect(texts(scoreLead(pricing(10, 2), leadWith({ events }), NOW))).toEqual([
      '+20 viewed /pricing/ twice',
      '\u22124 decay (10 days since last activity)',
    ]);
  });

  it('follows the file’s half-life', () => {
    const rules = rulesWith({ half_life_days: 7, behaviour: [{ event: 'page_view', path: '/pricing/', points: 40 }] });
    expect(scoreLead(rules, leadWith({ events: [view('/pricing/', daysAgo(14))] }), NOW).score).toBe(10);
  });

  it('leaves fit and email points whole', () => {
    const rules = rulesWith({
      fit: [{ field: 'budget', values: ['Over $10,000'], points: 20 }],
      email_domains: [{ label: 'free-mail address', domains: ['gmail.com'], points: -10 }],
      behaviour: [{ event: 'page_view', path: '/pricing/', points: 20 }],
    });
    const result = scoreLead(
      rules,
      leadWith({ answers: { budget: 'Over $10,000' }, email: 'sam@gmail.com', events: [view('/pricing/', daysAgo(30))] }),
      NOW,
    );
    expect(result.lines.map((line) => [line.kind, line.points])).toEqual([
      ['fit', 20],
      ['email', -10],
      ['behaviour', 20],
      ['decay', -10],
    ]);
    expect(result.score).toBe(20);
  });

  it('fades the capped amount, after the cap', () => {
    const rules = rulesWith({
      behaviour_cap: 30,
      behaviour: [
        { event: 'page_view', path: '/a/', points: 25 },
        { event: 'page_view', path: '/b/', points: 20 },
      ],
    });
    const result = scoreLead(rules, leadWith({ events: [view('/a/', daysAgo(30)), view('/b/', daysAgo(30))] }), NOW);
    expect(texts(result)).toEqual([
      '+25 viewed /a/',
      '+20 viewed /b/',
      '\u221215 behaviour capped at 30',
      '\u221215 decay (30 days since last activity)',
    ]);
    expect(result.score).toBe(15);
  });
});

describe('decayedPoints', () => {
  it.each([
    [20, 0, 30, 20],
    [20, 30, 30, 10],
    [20, 12, 30, 15],
    [10, 60, 30, 3],
    [7, 7, 7, 4],
    [1, 300, 30, 0],
  ])('%i points after %i days, half-life %i: %i', (points, days, halfLife, kept) => {
    expect(decayedPoints(points, days, halfLife)).toBe(kept);
  });
});

describe('status: new, marketing-qualified, sales-ready by the thresholds', () => {
  it.each([
    [-25, LeadStatus.New],
    [0, LeadStatus.New],
    [39, LeadStatus.New],
    [40, LeadStatus.MarketingQualified],
    [59, LeadStatus.MarketingQualified],
    [60, LeadStatus.SalesReady],
    [95, LeadStatus.SalesReady],
  ])('a score of %i is %s', (score, status) => {
    const rules = rulesWith({ fit: score ? [{ field: 'points', values: ['given'], points: score }] : [] });
    const result = scoreLead(rules, leadWith({ answers: { points: 'given' } }), NOW);
    expect(result.score).toBe(score);
    expect(result.status).toBe(status);
    expect(result.handoff).toBeUndefined();
  });

  it('counts decayed points, not the points before decay', () => {
    const rules = rulesWith({ behaviour: [{ event: 'page_view', path: '/pricing/', points: 60 }] });
    expect(scoreLead(rules, leadWith({ events: [view('/pricing/')] }), NOW).status).toBe(LeadStatus.SalesReady);
    expect(scoreLead(rules, leadWith({ events: [view('/pricing/', daysAgo(30))] }), NOW).status).toBe(LeadStatus.New);
  });
});

describe('a consultation request hands the lead to sales whatever the score', () => {
  const consultation = (at: number): LeadEvent => ({ type: 'consultation', at });

  it('is sales-ready with no points at all, and says why', () => {
    const result = scoreLead(rulesWith(), leadWith({ events: [consultation(NOW)] }), NOW);
    expect(result).toEqual({ score: 0, status: LeadStatus.SalesReady, lines: [], handoff: { reason: HandoffReason.Consultation, at: NOW } });
  });

  it('stays sales-ready with a competitor’s address, whose points sales sees', () => {
    const rules = rulesWith({ email_domains: [{ label: 'competitor', domains: ['hubspot.com'], points: -50 }] });
    const result = scoreLead(rules, leadWith({ email: 'sam@hubspot.com', events: [consultation(daysAgo(200))] }), NOW);
    expect(result.status).toBe(LeadStatus.SalesReady);
    expect(texts(result)).toEqual(['\u221250 competitor: hubspot.com']);
    expect(result.handoff?.reason).toBe('consultation');
  });

  it('names the latest request', () => {
    const result = scoreLead(rulesWith(), leadWith({ events: [consultation(daysAgo(3)), consultation(daysAgo(1)), consultation(daysAgo(2))] }), NOW);
    expect(result.handoff).toEqual({ reason: 'consultation', at: daysAgo(1) });
  });

  it('gives no hand-off to a lead that only scores high', () => {
    const rules = rulesWith({ behaviour: [{ event: 'page_view', path: '/lp/scoring-review/', points: 80 }] });
    const result = scoreLead(rules, leadWith({ events: [view('/lp/scoring-review/')] }), NOW);
    expect(result.status).toBe(LeadStatus.SalesReady);
    expect(result).not.toHaveProperty('handoff');
  });
});

describe('the explanation', () => {
  it('is one line per rule that fired, then the decay, adding up to the score', () => {
    const rules = rulesWith({
      fit: [
        { field: 'budget', values: ['Over $10,000'], points: 20 },
        { field: 'timeline', values: ['This month'], points: 15 },
      ],
      email_domains: [{ label: 'free-mail address', domains: ['gmail.com'], points: -10 }],
      behaviour: [
        { event: 'page_view', path: '/pricing/', points: 5, max_times: 3 },
        { event: 'return_visit', points: 5 },
        { event: 'consultation', points: 30 },
      ],
    });
    const events = [view('/pricing/', daysAgo(13)), view('/pricing/', daysAgo(12))];
    const result = scoreLead(rules, leadWith({ answers: { budget: 'Over $10,000', timeline: 'Later' }, email: 'sam@gmail.com', events }), NOW);
    // Behaviour 15, 12 days quiet: 15 × 2^(−12/30) = 11.37 → 11.
    expect(texts(result)).toEqual([
      '+20 budget: Over $10,000',
      '\u221210 free-mail address: gmail.com',
      '+10 viewed /pricing/ twice',
      '+5 came back on another day',
      '\u22124 decay (12 days since last activity)',
    ]);
    expect(result.score).toBe(21);
    expect(result.status).toBe(LeadStatus.New);
  });

  it('writes negative points with the minus sign U+2212, never a hyphen', () => {
    const rules = rulesWith({ fit: [{ field: 'role', values: ['Student or looking for work'], points: -20 }] });
    const [line] = scoreLead(rules, leadWith({ answers: { role: 'Student or looking for work' } }), NOW).lines;
    expect(line).toEqual({ kind: 'fit', points: -20, text: '\u221220 role: Student or looking for work' });
    expect(line!.text).not.toContain('-');
  });

  it.each([
    [20, '+20'],
    [1, '+1'],
    [-6, '\u22126'],
    [-50, '\u221250'],
  ])('formats %i as %s', (points, text) => {
    expect(formatPoints(points)).toBe(text);
  });

  it('is empty for a lead nothing is known of', () => {
    const result = scoreLead(rulesWith({ fit: [{ field: 'budget', values: ['Over $10,000'], points: 20 }] }), leadWith(), NOW);
    expect(result).toEqual({ score: 0, status: LeadStatus.New, lines: [] });
  });
});
