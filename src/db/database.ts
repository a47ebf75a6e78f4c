import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient, type Transaction } from 'kysely';
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
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
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

/** How many statement texts get a name; later ones go unnamed, parsed each time (lists of `in (…)` values make new texts). */
export const MAX_NAMED_STATEMENTS = 500;
const statementNames = new Map<string, string>();

/** The name a statement text is prepared under, the same for the whole process; undefined past the limit. */
export function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) statementNames.set(text, (name = `lodestone_${statementNames.size}`));
  return name;
}

/**
 * The pool as Kysely takes it, with each statement text sent under a name of its own: PostgreSQL
 * parses it once per connection and reuses it after, where an unnamed statement is parsed on every
 * call. Kysely sends the same few texts over and over.
 */
function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      // A cursor (Kysely's `stream()`) passes through as it is.
      const query = (text: string | pg.Submittable, values?: readonly unknown[]) =>
        typeof text === 'string' ? client.query({ name: statementName(text), text, values: values && [...values] }) : client.query(text);
      return { query, release: () => client.release() } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
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
