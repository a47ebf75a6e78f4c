import { afterAll, beforeAll } from 'vitest';
import type { LeadStore } from '../../src/db/database.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { createTestDatabase, type EngineName, type TestDatabase } from './databases.ts';
import { ResendFake } from './resend-fake.ts';
import { TEST_SECRET } from './signup-client.ts';
import { cliEnv } from './cli-env.ts';

/** The built server on a fresh database, sending through the Resend fake, and a store to look into that database. */
export interface AppHarness {
  fake: ResendFake;
  server: AppServer;
  store: LeadStore;
  /** The database the server uses, for CLIs run beside it. */
  databaseUrl: string;
  /** The environment of a CLI run beside the server: its database, the Resend fake, its secret. */
  cliEnv(): NodeJS.ProcessEnv;
}

/**
 * Starts the harness before the surrounding `describe`'s tests and stops it after them. The fields
 * are filled in `beforeAll`, so read them inside tests and hooks. Rate limits are off unless `env`
 * sets `RATE_LIMIT`. `env` may be a function, read when the server starts (after the hooks
 * registered before this call, such as a receiver's start).
 */
export function useAppHarness(engine: EngineName, env: Record<string, string> | (() => Record<string, string>) = {}): AppHarness {
  const harness = { fake: new ResendFake() } as AppHarness;
  harness.cliEnv = () => cliEnv(harness.databaseUrl, harness.fake.url);
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    await harness.fake.start();
    database = await createTestDatabase(engine);
    harness.databaseUrl = database.url;
    harness.server = await startAppServer({
      DATABASE_URL: database.url,
      RESEND_API_KEY: 're_test_key',
      RESEND_BASE_URL: harness.fake.url,
      LODESTONE_SECRET: TEST_SECRET,
      RATE_LIMIT: 'off',
      ...(typeof env === 'function' ? env() : env),
    });
    harness.store = database.open();
  });
  afterAll(async () => {
    await harness.server?.stop();
    await harness.store?.close();
    await database?.drop();
    await harness.fake.stop();
  });
  return harness;
}
