import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadStore } from '../../src/db/database.ts';
import { startAppServer, type AppServer } from '../support/app-server.ts';
import { createTestDatabase, engines, postgresUrl, type TestDatabase } from '../support/databases.ts';
import { TEST_SECRET } from '../support/signup-client.ts';

const HOUR = 3_600_000;

async function readyz(server: AppServer): Promise<{ status: number; body: unknown; cache: string | null }> {
  const response = await fetch(`${server.base}/readyz`);
  return { status: response.status, body: await response.json(), cache: response.headers.get('cache-control') };
}

const allOk = { status: 'ready', checks: { database: 'ok', migrations: 'ok', outbox: 'ok' } };
const failing = (check: 'database' | 'migrations' | 'outbox') => ({
  status: 'not ready',
  checks: {
    database: 'ok',
    migrations: 'ok',
    outbox: 'ok',
    [check]: 'failing',
    ...(check === 'database' ? { migrations: 'failing', outbox: 'failing' } : {}),
  },
});

describe.each(engines)('GET /healthz and /readyz (%s)', (engine) => {
  let database: TestDatabase;
  let server: AppServer;
  let store: LeadStore;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    server = await startAppServer({ DATABASE_URL: database.url, LODESTONE_SECRET: TEST_SECRET, OUTBOX_STUCK_AFTER: '60' });
    store = database.open();
  });

  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await database?.drop().catch(() => undefined);
  });

  it('answers /healthz 200, never cached', async () => {
    const response = await fetch(`${server.base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when the database answers, is migrated and the outbox moves', async () => {
    expect(await readyz(server)).toEqual({ status: 200, body: allOk, cache: 'no-store' });
  });

  it('answers 503 while a due outbox row has waited past OUTBOX_STUCK_AFTER, and 200 again once it is gone', async () => {
    // No CRM webhook is configured, so no sender takes a webhook row: it stays due, as behind a dead worker.
    const now = Date.now();
    await store.db
      .insertInto('outbox')
      .values({
        kind: 'webhook',
        lead_id: null,
        template: 'handoff',
        payload: '{}',
        idempotency_key: 'stuck-row',
        status: 'pending',
        attempts: 0,
        next_attempt_at: now - HOUR,
        locked_until: null,
        created_at: now - HOUR,
      })
      .execute();
    expect(await readyz(server)).toMatchObject({ status: 503, body: failing('outbox') });
    await store.db.deleteFrom('outbox').where('idempotency_key', '=', 'stuck-row').execute();
    expect((await readyz(server)).status).toBe(200);
  });

  it('answers 503 when the schema lacks a migration this code knows, and 200 once it is applied', async () => {
    const [last] = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name desc limit 1`
      .execute(store.db)
      .then((result) => result.rows);
    await sql`delete from kysely_migration where name = ${last!.name}`.execute(store.db);
    expect(await readyz(server)).toMatchObject({ status: 503, body: failing('migrations') });
    await sql`insert into kysely_migration (name, timestamp) values (${last!.name}, ${last!.timestamp})`.execute(store.db);
    expect((await readyz(server)).status).toBe(200);
  });

  it('answers 503 when the database is gone, with nothing but the names of the checks', async () => {
    if (engine === 'postgres') {
      const schema = new URL(database.url).searchParams.get('options')!.split('=')[1]!;
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    } else {
      await sql`drop table kysely_migration`.execute(store.db);
    }
    const response = await fetch(`${server.base}/readyz`);
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe(JSON.stringify(failing('database')));
    // The process itself is up.
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
  });
});
