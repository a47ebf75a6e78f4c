/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

export default getViteConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/fresh-build.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
