import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { LeadStore } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { createTestDatabase, type EngineName, type TestDatabase } from './databases.ts';
import { ResendFake } from './resend-fake.ts';
import { TEST_SECRET } from './signup-client.ts';

/** The built server for tests that stop, kill and start it again on the same database. */
export interface RestartableServer {
  fake: ResendFake;
  /** A store on the test's database, for assertions; set before each test. */
  store: LeadStore;
  /** Starts the server on the test's database, sending through the fake: again after a stop or a kill. */
  start(): Promise<AppServer>;
}

/**
 * Each test gets a fresh database (migrated before the server's first start when `migrate`) and a
 * reset Resend fake; every server it started is killed after it. Rate limits are off.
 */
export function useRestartableServer(engine: EngineName, { migrate = false } = {}): RestartableServer {
  const fake = new ResendFake();
  let database: TestDatabase;
  const started: AppServer[] = [];
  const harness: RestartableServer = {
    fake,
    store: undefined as unknown as LeadStore,
    async start() {
      const server = await startAppServer({
        DATABASE_URL: database.url,
        RESEND_API_KEY: 're_test_key',
        RESEND_BASE_URL: fake.url,
        RESEND_REQUESTS_PER_SECOND: '1000',
        LODESTONE_SECRET: TEST_SECRET,
        RATE_LIMIT: 'off',
      });
      started.push(server);
      return server;
    },
  };
  beforeAll(async () => {
    await fake.start();
  });
  beforeEach(async () => {
    fake.reset();
    database = await createTestDatabase(engine);
    harness.store = database.open();
    if (migrate) await migrateToLatest(harness.store);
  });
  afterEach(async () => {
    for (const server of started.splice(0)) await server.kill();
    await harness.store.close();
    await database.drop();
  });
  afterAll(async () => {
    await fake.stop();
  });
  return harness;
}
