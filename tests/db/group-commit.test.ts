import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/db/group-commit.ts';
import type { Database } from '../../src/db/schema.ts';
import { nodeSqliteDialect } from '../../src/db/sqlite-dialect.ts';
import { engines, useMigratedStore } from '../support/databases.ts';

describe.each(engines)('LeadStore.write on %s', (engine) => {
  const useStore = useMigratedStore(engine);

  const insertLead = (email: string) =>
    useStore().write(async (trx) => {
      const { id } = await trx
        .insertInto('leads')
        .values({ email, name: null, status: 'new', created_at: 1, updated_at: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('touches')
        .values({ lead_id: id, form: 'test', consent: 0, emailed: 0, created_at: 1 } as never)
        .execute();
      if (email.startsWith('fail')) throw new Error(`refused ${email}`);
      return id;
    });

  it('commits each unit of many concurrent writes on its own: a failing one leaves no trace and spoils none of the others', async () => {
    const emails = Array.from({ length: 40 }, (_, index) => (index % 10 === 3 ? `fail-${index}@example.com` : `ok-${index}@example.com`));
    const results = await Promise.allSettled(emails.map(insertLead));

    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(4);
    const stored = (await useStore().db.selectFrom('leads').select('email').execute()).map((row) => row.email).sort();
    expect(stored).toEqual(emails.filter((email) => email.startsWith('ok')).sort());
    const touches = await useStore().db.selectFrom('touches').select('lead_id').execute();
    expect(touches).toHaveLength(36);
  });

  it('rejects a unit that breaks a constraint without touching the rest', async () => {
    const [duplicate, fresh] = await Promise.allSettled([insertLead('ok-0@example.com'), insertLead('new@example.com')]);
    expect(duplicate.status).toBe('rejected');
    expect(fresh.status).toBe('fulfilled');
  });
});

describe('GroupCommit on SQLite', () => {
  let directory: string;
  let db: Kysely<Database>;
  let other: DatabaseSync;
  let syncs: { resolve: () => void; reject: (error: Error) => void }[];
  let group: GroupCommit;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'group-commit-'));
    const path = join(directory, 'lodestone.db');
    db = new Kysely<Database>({ dialect: nodeSqliteDialect(path, { synchronous: 'NORMAL' }) });
    await sql`create table rate_limits (key text primary key, window_start integer not null, count integer not null)`.execute(db);
    other = new DatabaseSync(path);
    syncs = [];
    group = new GroupCommit(db, () => new Promise<void>((resolve, reject) => syncs.push({ resolve, reject })));
  });
  afterEach(async () => {
    other.close();
    await db.destroy();
    rmSync(directory, { recursive: true, force: true });
  });

  const count = (key: string, options?: { durable?: boolean }) =>
    group.run((trx) => trx.insertInto('rate_limits').values({ key, window_start: 1, count: 1 }).execute(), options);
  const stored = () => (other.prepare('select key from rate_limits order by key').all() as { key: string }[]).map((row) => row.key);
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise((done) => setTimeout(done, 2));
  };

  it('acknowledges a write only once the disk sync after its commit has finished', async () => {
    let acknowledged = false;
    const write = count('a').then(() => (acknowledged = true));
    await until(() => syncs.length === 1);
    expect(stored()).toEqual(['a']);
    expect(acknowledged).toBe(false);
    syncs[0]!.resolve();
    await write;
    expect(acknowledged).toBe(true);
  });

  it('answers a non-durable write at its commit, without waiting for the disk', async () => {
    await expect(count('counter', { durable: false })).resolves.toBeDefined();
    expect(syncs).toHaveLength(0);
  });

  it('writes the next batch while the previous one waits for its sync', async () => {
    const first = count('a');
    await until(() => syncs.length === 1);
    const second = count('b');
    await until(() => syncs.length === 2);
    expect(stored()).toEqual(['a', 'b']);
    syncs[1]!.resolve();
    syncs[0]!.resolve();
    await Promise.all([first, second]);
  });

  it('fails the writes a failed sync should have covered, and goes on with the next', async () => {
    const lost = count('a');
    await until(() => syncs.length === 1);
    syncs[0]!.reject(new Error('EIO'));
    await expect(lost).rejects.toThrow('EIO');
    const next = count('b');
    await until(() => syncs.length === 2);
    syncs[1]!.resolve();
    await expect(next).resolves.toBeDefined();
  });
});
