import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { parseDatabaseUrl } from '../../src/db/database-url.ts';
import { openDatabase, type LeadStore } from '../../src/db/database.ts';
import { createPostgresSchema } from './postgres-schema.ts';

export type EngineName = 'sqlite' | 'postgres';

/** PostgreSQL runs only when TEST_DATABASE_URL names a server (`.ci/run` always sets it). */
export const postgresUrl = process.env.TEST_DATABASE_URL;
export const engines: EngineName[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
if (!postgresUrl) {
  console.warn(
    '\n[tests] TEST_DATABASE_URL is not set: the PostgreSQL suite did NOT run, only SQLite. Set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run it.\n',
  );
}

export interface TestDatabase {
  engine: EngineName;
  /** The DATABASE_URL a server under test gets. */
  url: string;
  /** A store on the same database, for assertions. */
  open(): LeadStore;
  drop(): Promise<void>;
}

/** A fresh, empty database: a temp SQLite file, or a new schema in the PostgreSQL test database. */
export async function createTestDatabase(engine: EngineName): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'lodestone-db-'));
    const url = `file:${join(directory, 'lodestone.db')}`;
    return {
      engine,
      url,
      open: () => openDatabase(parseDatabaseUrl(url)),
      drop: async () => rmSync(directory, { recursive: true, force: true }),
    };
  }
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
  const schema = await createPostgresSchema(postgresUrl, 'lodestone_test');
  return {
    engine,
    url: schema.url,
    open: () => openDatabase(parseDatabaseUrl(schema.url), { poolSize: 4 }),
    drop: schema.drop,
  };
}

/** Polls until `check` returns a truthy value or the time is up. */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs = 5_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

/**
 * A fresh, migrated store for the surrounding `describe`: created before its tests, closed and
 * dropped after them. Returns an accessor because the store exists only once `beforeAll` ran.
 */
export function useMigratedStore(engine: EngineName): () => LeadStore {
  let database: TestDatabase | undefined;
  let store: LeadStore | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = database.open();
    await migrateToLatest(store);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });
  return () => {
    if (!store) throw new Error('the store is only available inside tests');
    return store;
  };
}
