import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createTestDatabase, postgresUrl } from '../support/databases.ts';

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
});
