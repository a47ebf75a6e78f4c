import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Makes what a SQLite connection in WAL mode with `synchronous=NORMAL` committed durable, without
 * holding up the thread that committed. A commit there has written its frames to the `-wal` file
 * but not synced it; `sync()` syncs that file on libuv's thread pool and resolves once every commit
 * made before the call is on disk, which is what `synchronous=FULL` waits for inside each commit.
 * Calls that arrive while a sync is under way share the next one: however many signups commit in
 * a moment, the disk is synced about once per moment.
 */
export class WalSync {
  readonly #walPath: string;
  readonly #flush: (wal: FileHandle) => Promise<void>;
  #wal: FileHandle | undefined;
  #running: Promise<void> | undefined;
  #next: Promise<void> | undefined;
  #directorySynced = false;

  /** `flush` syncs the open -wal file; tests pass one that counts or fails. */
  constructor(databasePath: string, flush: (wal: FileHandle) => Promise<void> = (wal) => wal.datasync()) {
    this.#walPath = `${databasePath}-wal`;
    this.#flush = flush;
  }

  /** Resolves once everything committed before this call has reached the disk. */
  sync(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#syncOnce().finally(() => (this.#running = undefined));
      return this.#running;
    }
    // The sync under way may have started before the caller's commit: one more follows it, shared by every caller until it starts.
    this.#next ??= this.#running
      .catch(() => undefined)
      .then(() => {
        this.#next = undefined;
        return this.sync();
      });
    return this.#next;
  }

  /** Closes the file; call after the last connection to the database is closed. */
  async close(): Promise<void> {
    await this.#running?.catch(() => undefined);
    await this.#wal?.close();
    this.#wal = undefined;
  }

  async #syncOnce(): Promise<void> {
    // Kept open while the store is: SQLite only deletes the file when the last connection to the database closes, and ours stay open until then.
    this.#wal ??= await open(this.#walPath, 'r');
    await this.#flush(this.#wal);
    // As SQLite does for a journal it created: the directory entry of the new -wal file must reach the disk once, too.
    if (!this.#directorySynced) {
      const directory = await open(dirname(this.#walPath), 'r');
      try {
        await directory.sync();
      } finally {
        await directory.close();
      }
      this.#directorySynced = true;
    }
  }
}
