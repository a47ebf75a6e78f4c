import type { Question, ScoringRules } from './rules.ts';

/** The most points one answer to the question can add or take away: its largest option, by size. */
export function pointsAtStake(rules: ScoringRules, question: Question): number {
  const pointsOf = (option: string) =>
    rules.fit.filter((rule) => rule.field === question.name && rule.values.includes(option)).reduce((sum, rule) => sum + rule.points, 0);
  return Math.max(0, ...(question.options ?? []).map((option) => Math.abs(pointsOf(option))));
}

/**
 * The profiling questions to ask next: those the lead has not answered, whose answer can move the
 * score, the most points at stake first (the file's order among equals), `max` at most.
 */
export function nextQuestions(rules: ScoringRules, answers: Readonly<Record<string, string | boolean>>, max = 3): Question[] {
  return rules.questions
    .filter((question) => answers[question.name] === undefined || answers[question.name] === '')
    .map((question) => ({ question, stake: pointsAtStake(rules, question) }))
    .filter(({ stake }) => stake > 0)
    .sort((a, b) => b.stake - a.stake)
    .slice(0, Math.max(0, max))
    .map(({ question }) => question);
}
