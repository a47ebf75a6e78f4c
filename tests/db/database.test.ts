import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MAX_NAMED_STATEMENTS, statementName } from '../../src/db/database.ts';
import { postgresUrl, useMigratedStore } from '../support/databases.ts';

describe.runIf(postgresUrl)('statements on PostgreSQL', () => {
  const useStore = useMigratedStore('postgres');

  it('are prepared once per connection under their name and reused, with their own values each time', async () => {
    const store = useStore();
    await store.db.transaction().execute(async (trx) => {
      const byEmail = (email: string) => trx.selectFrom('leads').select('id').where('email', '=', email);
      const { sql: text } = byEmail('a@example.com').compile();
      await trx.insertInto('leads').values({ email: 'b@example.com', status: 'new', created_at: 1, updated_at: 1 }).execute();
      expect(await byEmail('a@example.com').execute()).toEqual([]);
      expect(await byEmail('b@example.com').execute()).toHaveLength(1);
      const prepared = await sql<{ name: string }>`select name from pg_prepared_statements where statement = ${text}`.execute(trx);
      expect(prepared.rows).toEqual([{ name: statementName(text) }]);
    });
  });
});

// Last: it fills the module's names up to the limit.
describe('statementName', () => {
  it('names a text once and keeps the name; past the limit, new texts go unnamed and named ones keep theirs', () => {
    const first = statementName('select 1 as "test_a"');
    expect(first).toMatch(/^lodestone_\d+$/);
    expect(statementName('select 1 as "test_a"')).toBe(first);
    expect(statementName('select 1 as "test_b"')).not.toBe(first);
    for (let index = 0; index < MAX_NAMED_STATEMENTS; index++) statementName(`select ${index} as "test_fill"`);
    expect(statementName('select 1 as "test_after_the_limit"')).toBeUndefined();
    expect(statementName('select 1 as "test_a"')).toBe(first);
  });
});
