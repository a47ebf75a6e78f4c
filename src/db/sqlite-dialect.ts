import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { SqliteDialect, type SqliteDatabase } from 'kysely';

/** node:sqlite takes numbers, strings, bigints, buffers and null; booleans are stored as 0/1. */
function bindable(params: readonly unknown[]): SQLInputValue[] {
  return params.map((value) => (typeof value === 'boolean' ? Number(value) : value) as SQLInputValue);
}

/**
 * Kysely's SqliteDialect over Node's built-in `node:sqlite`: no native addon to compile or
 * download. The file is opened in WAL mode with synchronous commits (FULL), so a transaction that
 * returned has reached the disk and survives `kill -9` or a power cut.
 */
export function nodeSqliteDialect(path: string): SqliteDialect {
  return new SqliteDialect({
    database: async () => {
      const db = new DatabaseSync(path, { timeout: 5_000 });
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = FULL');
      db.exec('PRAGMA foreign_keys = ON');
      return adapt(db);
    },
  });
}

/** Kysely sends the same few SQL texts over and over; preparing each once saves most of the per-query cost. */
const STATEMENT_CACHE_SIZE = 256;

function adapt(db: DatabaseSync): SqliteDatabase {
  const statements = new Map<string, StatementSync>();
  return {
    close: () => db.close(),
    prepare(text) {
      // Take the write lock when a transaction begins, not at its first write: a transaction that read
      // first and then wrote could not wait for another process's writer (SQLite answers BUSY at
      // once), while one that begins IMMEDIATE waits its turn under the busy timeout. This is what
      // makes the server and a CLI worker safe on one file.
      const sql = /^\s*begin\s*$/i.test(text) ? 'begin immediate' : text;
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return {
        reader: statement.columns().length > 0,
        all: (params) => statement.all(...bindable(params)),
        run: (params) => {
          const { changes, lastInsertRowid } = statement.run(...bindable(params));
          return { changes, lastInsertRowid };
        },
        iterate: (params) => statement.iterate(...bindable(params)),
      };
    },
  };
}
