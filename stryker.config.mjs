/** The pure modules: logic without I/O, each with a unit test that mirrors it (src/x/y.ts → tests/x/y.test.ts). */
export const MUTATED_MODULES = [
  'src/leads/link-token.ts',
  'src/leads/form-stamp.ts',
  'src/nurture/delay.ts',
  'src/landing/message-match.ts',
  'src/leads/email-address.ts',
  'src/leads/signup-input.ts',
  'src/outbox/backoff.ts',
  'src/leads/attribution.ts',
  'src/scoring/score-lead.ts',
  'src/scoring/behaviour-rules.ts',
  'src/scoring/lead-events.ts',
  'src/scoring/next-questions.ts',
  'src/scoring/rule-references.ts',
  'src/scoring/qualification.ts',
];

/**
 * Mutation testing of the pure modules: `npm run test:mutation` (not part of `npm test`).
 * Each module is exercised by the unit test that mirrors it (src/x/y.ts → tests/x/y.test.ts),
 * run through vitest.mutation.config.ts; the report is reports/mutation/mutation.json.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: MUTATED_MODULES,
  coverageAnalysis: 'perTest',
  // Only mutants whose module or test changed since the last run are tested again.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: 'reports/.stryker-tmp',
  // The sandbox needs only the sources and the unit tests, not the site's build or its content.
  ignorePatterns: ['/dist', '/.astro', '/data', '/test-results', '/public', '/content'],
  concurrency: 2,
};
