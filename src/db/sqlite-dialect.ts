import { setTimeout as delay } from 'node:timers/promises';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';

export interface NodeSqliteOptions {
  /**
   * `FULL`: every commit syncs the disk before it returns (and blocks the thread while it does).
   * `NORMAL`: commits return once written; the caller makes them durable itself (see WalSync).
   */
  synchronous: 'FULL' | 'NORMAL';
  /** How long a statement waits for another connection's write lock before it fails. */
  lockTimeoutMs?: number;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;

/** Thrown when another connection held the write lock for longer than the lock timeout. */
export class DatabaseLockedError extends Error {
  constructor(waitedMs: number) {
    super(`the database stayed locked by another connection for ${(waitedMs / 1000).toFixed(1)} s`);
    this.name = 'DatabaseLockedError';
  }
}

/**
 * Kysely over Node's built-in `node:sqlite`: no native addon to compile or download. The file is
 * opened in WAL mode. SQLite's own busy timeout would wait for another connection's write lock by
 * sleeping on the calling thread, which for a server is the event loop: every page and request
 * would stop with it. So the connection never waits inside SQLite; a statement refused because the
 * database is locked is tried again after a timer, and the event loop goes on meanwhile.
 */
export function nodeSqliteDialect(path: string, options: NodeSqliteOptions): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new NodeSqliteDriver(path, options),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

class NodeSqliteDriver implements Driver {
  readonly #path: string;
  readonly #options: NodeSqliteOptions;
  #connection: NodeSqliteConnection | undefined;
  #database: DatabaseSync | undefined;
  /** One connection, one user at a time: a transaction keeps it until it ends. */
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;

  constructor(path: string, options: NodeSqliteOptions) {
    this.#path = path;
    this.#options = options;
  }

  async init(): Promise<void> {
    const database = new DatabaseSync(this.#path, { timeout: 0 });
    this.#database = database;
    this.#connection = new NodeSqliteConnection(database, this.#options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
    await this.#connection.executeQuery(CompiledQuery.raw('PRAGMA journal_mode = WAL'));
    database.exec(`PRAGMA synchronous = ${this.#options.synchronous}`);
    database.exec('PRAGMA foreign_keys = ON');
    // Each unit of a group commit runs in a savepoint, whose journal of changed pages would spill to a temporary file past 64 KB.
    database.exec('PRAGMA temp_store = MEMORY');
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    while (this.#held) await this.#held;
    this.#held = new Promise((resolve) => (this.#release = resolve));
    return this.#connection!;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // Take the write lock when the transaction begins, not at its first write: one that read first
    // and then wrote could not wait its turn (SQLite refuses it at once), while one that begins
    // IMMEDIATE is simply tried again. This is what makes the server and a CLI worker safe on one file.
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#held = undefined;
    this.#release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    this.#database?.close();
  }
}

/** Kysely sends the same few SQL texts over and over; preparing each once saves most of the per-query cost. */
const STATEMENT_CACHE_SIZE = 256;

/** node:sqlite takes numbers, strings, bigints, buffers and null; booleans are stored as 0/1. */
function bindable(params: readonly unknown[]): SQLInputValue[] {
  return params.map((value) => (typeof value === 'boolean' ? Number(value) : value) as SQLInputValue);
}

/** SQLITE_BUSY and its extended codes: another connection holds the lock this statement needs. */
function isBusy(error: unknown): boolean {
  const code = (error as { errcode?: unknown }).errcode;
  return typeof code === 'number' && (code & 0xff) === 5;
}

class NodeSqliteConnection implements DatabaseConnection {
  readonly #database: DatabaseSync;
  readonly #lockTimeoutMs: number;
  readonly #statements = new Map<string, StatementSync>();

  constructor(database: DatabaseSync, lockTimeoutMs: number) {
    this.#database = database;
    this.#lockTimeoutMs = lockTimeoutMs;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const started = performance.now();
    for (;;) {
      try {
        return this.#execute<R>(query);
      } catch (error) {
        // A refused statement changed nothing. Outside a transaction (a BEGIN, or a statement on its
        // own) it can simply be run again; inside one, the transaction's owner decides.
        if (!isBusy(error) || this.#database.isTransaction) throw error;
        const waited = performance.now() - started;
        if (waited >= this.#lockTimeoutMs) throw new DatabaseLockedError(waited);
        // Every millisecond for the first 100 ms (a neighbour's transaction, such as the sender
        // thread's, usually ends within a few), then every 25 ms: cheap when one holds on.
        await delay(waited < 100 ? 1 : 25);
      }
    }
  }

  #execute<R>(query: CompiledQuery): QueryResult<R> {
    const statement = this.#prepare(query.sql);
    const params = bindable(query.parameters);
    if (statement.columns().length > 0) return { rows: statement.all(...params) as R[] };
    const { changes, lastInsertRowid } = statement.run(...params);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#database.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on SQLite here');
  }
}
