import { afterAll, beforeAll } from 'vitest';
import type { LeadStore } from '../../src/db/database.ts';
import { startAppServer, type AppServer } from './app-server.ts';
import { createTestDatabase, type EngineName, type TestDatabase } from './databases.ts';
import { TEST_SECRET } from './signup-client.ts';
import { CRM_SECRET, WebhookReceiver } from './webhook-receiver.ts';

/** The built server on a fresh database, handing sales-ready leads to a local CRM receiver, and a store to look into that database. */
export interface CrmHarness {
  receiver: WebhookReceiver;
  server: AppServer;
  store: LeadStore;
}

/** Starts the harness before the surrounding `describe`'s tests and stops it after them; read its fields inside tests and hooks. */
export function useCrmHarness(engine: EngineName): CrmHarness {
  const harness = { receiver: new WebhookReceiver() } as CrmHarness;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    await harness.receiver.start();
    database = await createTestDatabase(engine);
    harness.server = await startAppServer({
      DATABASE_URL: database.url,
      LODESTONE_SECRET: TEST_SECRET,
      RATE_LIMIT: 'off',
      CRM_WEBHOOK_URL: harness.receiver.url,
      CRM_WEBHOOK_SECRET: CRM_SECRET,
    });
    harness.store = database.open();
  });
  afterAll(async () => {
    await harness.server?.stop();
    await harness.store?.close();
    await database?.drop();
    await harness.receiver.stop();
  });
  return harness;
}
