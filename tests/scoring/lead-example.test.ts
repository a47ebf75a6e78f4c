import { describe, expect, it } from 'vitest';
import type { FormField } from '../../src/leads/form-fields.ts';
import { leadExample } from '../../src/scoring/lead-example.ts';
import { parseScoringRules } from '../../src/scoring/load-rules.ts';

const NOW = Date.UTC(2026, 11, 2, 9);
const rules = parseScoringRules(`
thresholds: { marketing_qualified: 20, sales_ready: 40 }
half_life_days: 30
fit:
  - { field: team_size, values: ['3-10'], points: 10 }
  - { field: team_size, values: ['11-50'], points: 15 }
email_domains:
  - { label: competitor, domains: [rival.example], points: -50 }
  - { label: free-mail address, domains: [freemail.example, other.example], points: -10 }
behaviour:
  - { event: consultation, points: 30 }
`);
const review: FormField[] = [
  { name: 'name', label: 'First name', type: 'text', required: true },
  { name: 'company', label: 'Company', type: 'text', required: true },
  { name: 'team_size', label: 'Team', type: 'select', required: true, options: ['1-2', '3-10', '11-50'] },
  { name: 'call_me', label: 'Call me', type: 'checkbox', required: false },
];

describe('leadExample', () => {
  it('hot: a consultation request answering each question with the option worth the most, scored sales-ready', () => {
    const { body, scored } = leadExample('hot', rules, [{ slug: 'scoring-review', fields: review }], NOW);
    expect(body).toEqual({
      email: 'alex@northwind.example',
      landing: 'scoring-review',
      consent: true,
      name: 'Alex',
      company: 'Northwind Logistics',
      team_size: '11-50',
      call_me: true,
    });
    expect(scored).toMatchObject({ score: 45, status: 'sales-ready', handoff: { reason: 'consultation', at: NOW } });
    expect(scored.lines.map((line) => line.text)).toEqual(['+15 team size: 11-50', '+30 requested a consultation']);
  });

  it('cold: a newsletter signup from the mildest penalised domain, scored new', () => {
    const { body, scored } = leadExample('cold', rules, [], NOW);
    expect(body).toEqual({ email: 'reader@freemail.example', consent: true });
    expect(scored).toMatchObject({ score: -10, status: 'new' });
  });

  it('cold without penalised domains: a plain address', () => {
    const plain = parseScoringRules('thresholds: { marketing_qualified: 20, sales_ready: 40 }\nhalf_life_days: 30\n');
    expect(leadExample('cold', plain, [], NOW).body.email).toBe('reader@example.com');
  });

  it('refuses to make a hot example when no landing page offers a consultation', () => {
    expect(() => leadExample('hot', rules, [], NOW)).toThrow(/no landing page offers a consultation/);
  });

  it('refuses to print an example the rules do not score as promised', () => {
    // A free-mail address worth points: the "cold" signup would be marketing-qualified.
    const generous = parseScoringRules(`
thresholds: { marketing_qualified: 5, sales_ready: 40 }
half_life_days: 30
email_domains:
  - { label: odd rule, domains: [freemail.example], points: -1 }
  - { label: partner, domains: [freemail.example], points: 10 }
`);
    expect(() => leadExample('cold', generous, [], NOW)).toThrow(/score the cold example as marketing-qualified \(9\), not new/);
  });
});
