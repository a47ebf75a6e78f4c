import { describeBehaviour, occurrences } from './behaviour-rules.ts';
import { DAY_MS, type LeadEvent } from './lead-events.ts';
import { LeadStatus } from '../leads/lead-status.ts';
import type { ScoringRules } from './rules.ts';
import { HandoffReason } from '../handoff/handoff.ts';

/** What scoring knows of a lead. */
export interface LeadFacts {
  /** The answers to the fields its forms and profiling questions asked, the latest per field. */
  answers: Readonly<Record<string, string | boolean>>;
  email: string;
  events: readonly LeadEvent[];
}

/** Where a line of the explanation comes from. */
export const LineKind = {
  Fit: 'fit',
  Email: 'email',
  Behaviour: 'behaviour',
  /** Behaviour points above `behaviour_cap`, taken off. */
  Cap: 'cap',
  /** Behaviour points faded with the half-life, taken off. */
  Decay: 'decay',
} as const;
export type LineKind = (typeof LineKind)[keyof typeof LineKind];

/** One rule that fired: `{ points: 20, text: '+20 budget: Over 10,000' }`. */
export interface ScoreLine {
  kind: LineKind;
  points: number;
  /** The points with their sign (− is U+2212), then why. */
  text: string;
}

export interface LeadScore {
  /** The sum of the lines' points; may be below 0. */
  score: number;
  status: LeadStatus;
  /** One line per rule that fired, then the cap and the decay: fit, email, behaviour, cap, decay. */
  lines: ScoreLine[];
  /** Present when the lead is sales-ready by definition; `at` is its latest such request. */
  handoff?: { reason: typeof HandoffReason.Consultation; at: number };
}

/** `+20`, `−6` (with the minus sign U+2212). */
export function formatPoints(points: number): string {
  return points < 0 ? `\u2212${-points}` : `+${points}`;
}

const line = (kind: LineKind, points: number, reason: string): ScoreLine => ({ kind, points, text: `${formatPoints(points)} ${reason}` });

/** The domain of an address, lower-cased: `Sam@Mail.Example.com` → `mail.example.com`. */
const domainOf = (email: string) =>
  email
    .trim()
    .toLowerCase()
    .slice(email.trim().lastIndexOf('@') + 1);

/** Behaviour points left after `days` whole days without activity: halved every half-life, rounded half up. */
export function decayedPoints(points: number, days: number, halfLifeDays: number): number {
  return Math.round(points * 0.5 ** (days / halfLifeDays));
}

/**
 * Scores a lead at `now` (epoch ms) and explains the score, one line per rule that fired. Fit and
 * email rules keep their points; behaviour points are summed, capped at `behaviour_cap`, then fade
 * as one amount with the whole days since the lead's last event. The lines add up to the score.
 */
export function scoreLead(rules: ScoringRules, facts: LeadFacts, now: number): LeadScore {
  const lines: ScoreLine[] = [];
  for (const rule of rules.fit) {
    const answer = facts.answers[rule.field];
    if (typeof answer === 'string' && rule.values.includes(answer))
      lines.push(line(LineKind.Fit, rule.points, `${rule.label ?? rule.field.replaceAll('_', ' ')}: ${answer}`));
  }
  const domain = domainOf(facts.email);
  for (const rule of rules.email_domains) {
    if (rule.domains.some((listed) => domain === listed || domain.endsWith(`.${listed}`)))
      lines.push(line(LineKind.Email, rule.points, `${rule.label}: ${domain}`));
  }

  let behaviour = 0;
  for (const rule of rules.behaviour) {
    const times = Math.min(occurrences(rule, facts.events), rule.max_times);
    if (!times) continue;
    behaviour += rule.points * times;
    lines.push(line(LineKind.Behaviour, rule.points * times, describeBehaviour(rule, times)));
  }
  if (rules.behaviour_cap !== undefined && behaviour > rules.behaviour_cap) {
    lines.push(line(LineKind.Cap, rules.behaviour_cap - behaviour, `behaviour capped at ${rules.behaviour_cap}`));
    behaviour = rules.behaviour_cap;
  }
  if (behaviour > 0) {
    const lastActivity = Math.max(...facts.events.map((event) => event.at));
    const days = Math.floor(Math.max(0, now - lastActivity) / DAY_MS);
    const faded = decayedPoints(behaviour, days, rules.half_life_days) - behaviour;
    if (faded) lines.push(line(LineKind.Decay, faded, `decay (${days} ${days === 1 ? 'day' : 'days'} since last activity)`));
  }

  const score = lines.reduce((sum, { points }) => sum + points, 0);
  const consultations = facts.events.filter((event) => event.type === 'consultation');
  const handoff = consultations.length ? { reason: HandoffReason.Consultation, at: Math.max(...consultations.map((event) => event.at)) } : undefined;
  const status =
    handoff || score >= rules.thresholds.sales_ready
      ? LeadStatus.SalesReady
      : score >= rules.thresholds.marketing_qualified
        ? LeadStatus.MarketingQualified
        : LeadStatus.New;
  return handoff ? { score, status, lines, handoff } : { score, status, lines };
}
