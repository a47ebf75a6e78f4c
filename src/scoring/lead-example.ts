import type { FormField } from '../leads/form-fields.ts';
import { LeadStatus } from '../leads/lead-status.ts';
import type { LeadEvent } from './lead-events.ts';
import type { ScoringRules } from './rules.ts';
import { scoreLead, type LeadScore } from './score-lead.ts';

export type ExampleKind = 'hot' | 'cold';

/** A consultation landing page, as far as an example signup needs it. */
export interface ConsultationForm {
  slug: string;
  fields: readonly FormField[];
}

export interface LeadExample {
  /** A JSON body for `POST /api/leads`. */
  body: Record<string, string | boolean>;
  /** How today's rules score it. */
  scored: LeadScore;
}

/** Sample answers to text fields, by name; any other text field gets `Example`. */
const TEXT_ANSWERS: Readonly<Record<string, string>> = { name: 'Alex', company: 'Northwind Logistics' };

/** The option of a select that today's fit rules give the most points; the first when none scores. */
function bestOption(rules: ScoringRules, field: FormField): string {
  const points = (option: string) =>
    rules.fit.filter((rule) => rule.field === field.name && rule.values.includes(option)).reduce((sum, rule) => sum + rule.points, 0);
  return [...field.options!].sort((a, b) => points(b) - points(a))[0]!;
}

function answer(rules: ScoringRules, field: FormField): string | boolean {
  if (field.type === 'select') return bestOption(rules, field);
  if (field.type === 'checkbox') return true;
  return TEXT_ANSWERS[field.name] ?? 'Example';
}

/** The address of a cold lead: at the mildest penalised domain (a free-mail one, as shipped), else a plain one. */
function coldAddress(rules: ScoringRules): string {
  const penalised = rules.email_domains.filter((rule) => rule.points < 0).sort((a, b) => b.points - a.points)[0];
  return `reader@${penalised?.domains[0] ?? 'example.com'}`;
}

/**
 * A signup the current rules score as sales-ready (`hot`: a consultation request with the answers
 * worth the most) or as `new` (`cold`: a newsletter signup from a penalised address), scored here
 * with the same function the qualifier uses. Throws when the rules do not score it so: then no
 * such example can be made from the site's forms, and saying so beats printing a wrong one.
 */
export function leadExample(kind: ExampleKind, rules: ScoringRules, consultations: readonly ConsultationForm[], now: number): LeadExample {
  let body: LeadExample['body'];
  let events: LeadEvent[] = [];
  if (kind === 'hot') {
    const landing = consultations[0];
    if (!landing) throw new Error('no landing page offers a consultation: a hot example needs its form');
    const answers = Object.fromEntries(landing.fields.map((field) => [field.name, answer(rules, field)]));
    body = { email: 'alex@northwind.example', landing: landing.slug, consent: true, ...answers };
    events = [{ type: 'consultation', at: now }];
  } else {
    body = { email: coldAddress(rules), consent: true };
  }
  const { email, landing: _landing, consent: _consent, ...answers } = body;
  const scored = scoreLead(rules, { email: String(email), answers, events }, now);
  const wanted = kind === 'hot' ? LeadStatus.SalesReady : LeadStatus.New;
  if (scored.status !== wanted) {
    throw new Error(
      `today's rules score the ${kind} example as ${scored.status} (${scored.score}), not ${wanted}:\n${scored.lines.map((line) => `  ${line.text}`).join('\n')}`,
    );
  }
  return { body, scored };
}
