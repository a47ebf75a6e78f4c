import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget, Engine } from './database-url.ts';
import { GroupCommit } from './group-commit.ts';
import type { Database } from './schema.ts';
import { nodeSqliteDialect } from './sqlite-dialect.ts';

export interface LeadStore {
  db: Kysely<Database>;
  engine: Engine;
  /**
   * Runs `work` atomically and resolves once it is durable. PostgreSQL gives each call its own
   * transaction; SQLite shares one commit among the calls of the same moment (see GroupCommit).
   */
  write<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// PostgreSQL bigint (int8) comes back as a string by default; our bigints are epoch milliseconds and ids, well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Opens the lead store named by a parsed `DATABASE_URL`. */
export function openDatabase(target: DatabaseTarget, options: { poolSize?: number } = {}): LeadStore {
  if (target.engine === 'sqlite') {
    if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
    const db = new Kysely<Database>({ dialect: nodeSqliteDialect(target.path) });
    const group = new GroupCommit(db);
    return { db, engine: 'sqlite', write: (work) => group.run(work), close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: options.poolSize ?? 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', write: (work) => db.transaction().execute(work), close: () => db.destroy() };
}
