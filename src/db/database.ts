import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget, Engine } from './database-url.ts';
import { GroupCommit } from './group-commit.ts';
import type { Database } from './schema.ts';
import { nodeSqliteDialect } from './sqlite-dialect.ts';
import { WalSync } from './wal-sync.ts';

export interface WriteOptions {
  /**
   * `false` for counters whose loss in a power cut harms nothing (rate limits): the write resolves
   * once committed, without waiting for the disk. Everything acknowledged to a person stays durable.
   */
  durable?: boolean;
}

export interface LeadStore {
  /** Reads, and the rare write that is not part of a request (migrations). */
  db: Kysely<Database>;
  engine: Engine;
  /**
   * Runs `work` atomically and resolves once it is durable. PostgreSQL gives each call its own
   * transaction; SQLite shares one commit, and one disk sync, among the calls of the same moment
   * (see GroupCommit).
   */
  write<T>(work: (trx: Transaction<Database>) => Promise<T>, options?: WriteOptions): Promise<T>;
  close(): Promise<void>;
}

// PostgreSQL bigint (int8) comes back as a string by default; our bigints are epoch milliseconds and ids, well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Opens the lead store named by a parsed `DATABASE_URL`. */
export function openDatabase(target: DatabaseTarget, options: { poolSize?: number; lockTimeoutMs?: number } = {}): LeadStore {
  if (target.engine === 'sqlite') return openSqlite(target.path, options.lockTimeoutMs);
  const pool = new pg.Pool({ connectionString: target.url, max: options.poolSize ?? 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    write: (work, { durable = true } = {}) =>
      db.transaction().execute(async (trx) => {
        // Asynchronous commit: PostgreSQL's own switch for "may be lost in a crash, harms nothing".
        if (!durable) await sql`set local synchronous_commit = off`.execute(trx);
        return work(trx);
      }),
    close: () => db.destroy(),
  };
}

/**
 * Two connections to one file: writes go through the group commit on one, so reads on the other
 * never queue behind a write that waits for another process's lock. In memory there is one
 * database per connection, so both are the same one.
 */
function openSqlite(path: string, lockTimeoutMs?: number): LeadStore {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const writer = new Kysely<Database>({ dialect: nodeSqliteDialect(path, { synchronous: inMemory ? 'FULL' : 'NORMAL', lockTimeoutMs }) });
  // A write made directly on the reading connection syncs inside its commit, so it is durable when it returns.
  const reader = inMemory ? writer : new Kysely<Database>({ dialect: nodeSqliteDialect(path, { synchronous: 'FULL', lockTimeoutMs }) });
  const wal = inMemory ? undefined : new WalSync(path);
  const group = new GroupCommit(writer, () => wal?.sync() ?? Promise.resolve());
  return {
    db: reader,
    engine: 'sqlite',
    write: (work, options) => group.run(work, options),
    async close() {
      await writer.destroy();
      if (reader !== writer) await reader.destroy();
      await wal?.close();
    },
  };
}
