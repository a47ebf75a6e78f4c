import { defineConfig } from 'vitest/config';
import { MUTATED_MODULES } from './stryker.config.mjs';

/**
 * The tests Stryker runs against each mutant: only the unit tests that mirror the mutated modules
 * (src/leads/link-token.ts → tests/leads/link-token.test.ts). Pure modules need no Astro, no build and
 * no database, so this config stays apart from vitest.config.ts and its getViteConfig().
 */
export default defineConfig({
  test: {
    include: MUTATED_MODULES.map((module) => module.replace(/^src\//, 'tests/').replace(/\.ts$/, '.test.ts')),
  },
});
