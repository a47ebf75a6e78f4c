import { TEST_SECRET } from './signup-client.ts';

/** The environment of a CLI (`npm run worker`, `email:send-test`) run in a test: its database, the Resend fake at `resendUrl`, the test secret, and `extra` over them. */
export function cliEnv(databaseUrl: string, resendUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    RESEND_API_KEY: 're_test_key',
    RESEND_BASE_URL: resendUrl,
    LODESTONE_SECRET: TEST_SECRET,
    ...extra,
  };
}
