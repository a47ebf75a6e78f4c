import { DAY_MS, type LeadEvent } from '../../src/scoring/lead-events.ts';
import { scoringRulesSchema, type ScoringRules } from '../../src/scoring/rules.ts';
import type { LeadFacts } from '../../src/scoring/score-lead.ts';

/** The moment every scoring test scores at: 1 December 2026, 12:00 UTC. */
export const NOW = Date.UTC(2026, 11, 1, 12);

/** `n` days before NOW. */
export const daysAgo = (n: number) => NOW - n * DAY_MS;

/** Rules as content would write them, with thresholds 40/60 and a 30-day half-life unless given. */
export function rulesWith(rules: Record<string, unknown> = {}): ScoringRules {
  return scoringRulesSchema.parse({ thresholds: { marketing_qualified: 40, sales_ready: 60 }, half_life_days: 30, ...rules });
}

/** A lead with a company address, no answers and no events unless given. */
export function leadWith(facts: Partial<LeadFacts> = {}): LeadFacts {
  return { answers: {}, email: 'sam@acme.example', events: [], ...facts };
}

/** A page view at `at` (NOW unless given). */
export const view = (path: string, at = NOW, tags?: string[]): LeadEvent => ({ type: 'page_view', at, path, ...(tags ? { tags } : {}) });
