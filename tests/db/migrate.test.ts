import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { parseDatabaseUrl } from '../../src/db/database-url.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createTestDatabase, postgresUrl } from '../support/databases.ts';
import { createPostgresSchema } from '../support/postgres-schema.ts';

describe.skipIf(!postgresUrl)('migrateToLatest on PostgreSQL', () => {
  it('migrates its own schema when another schema of the database already has migration tables', async () => {
    const first = await createTestDatabase('postgres');
    const second = await createTestDatabase('postgres');
    const [a, b] = [first.open(), second.open()];
    try {
      expect(await migrateToLatest(a)).toContain('0001-leads-touches-outbox');
      // The second schema is empty; the first one's kysely_migration_lock must not make it skip its own.
      expect(await migrateToLatest(b)).toContain('0001-leads-touches-outbox');
      expect(await migrateToLatest(b)).toEqual([]);
      expect(await b.db.selectFrom('leads').select('id').execute()).toEqual([]);
    } finally {
      await a.close();
      await b.close();
      await first.drop();
      await second.drop();
    }
  });

  it('migrates while another app or test run keeps dropping schemas of the same database', async () => {
    // Kysely lists every schema's tables before it takes its lock; a schema dropped meanwhile used to fail that listing.
    let churning = true;
    const churn = (async () => {
      while (churning) {
        const other = await createPostgresSchema(postgresUrl!, 'lodestone_churn');
        const store = openDatabase(parseDatabaseUrl(other.url), { poolSize: 1 });
        await migrateToLatest(store).catch(() => undefined);
        await store.close();
        await other.drop();
      }
    })();
    const failures: string[] = [];
    try {
      for (let round = 0; round < 12; round++) {
        const database = await createTestDatabase('postgres');
        const store = database.open();
        await migrateToLatest(store).catch((error: Error) => failures.push(error.message));
        await store.close();
        await database.drop();
      }
    } finally {
      churning = false;
      await churn;
    }
    expect(failures).toEqual([]);
  });
});
