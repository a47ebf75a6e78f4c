import { copyFileSync, existsSync, openSync, fsyncSync, closeSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * A consistent copy of the SQLite database at `path` in the new file `file`, made while servers go
 * on writing: `VACUUM INTO` reads one snapshot (WAL readers never block writers), so every signup
 * committed before it started is in the copy, and none half-written. Refuses to overwrite a file.
 */
export function backupSqlite(path: string, file: string): void {
  const target = resolve(file);
  if (existsSync(target)) throw new Error(`${file} already exists: name a new file`);
  if (!existsSync(path)) throw new Error(`there is no database at ${path} to back up`);
  const db = new DatabaseSync(path, { timeout: 10_000, readOnly: true });
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
}

/**
 * Whether another process has the database open. In WAL mode every open connection holds a shared
 * lock on the file, so an exclusive lock is granted only when nobody else has it open: a server, a
 * worker, or another backup.
 */
export function openElsewhere(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = new DatabaseSync(path, { timeout: 0 });
  try {
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    return false;
  } catch {
    return true;
  } finally {
    db.close();
  }
}

/**
 * Replaces the database at `path` with the backup `file`, after checking the backup is a sound
 * Lodestone database. Refuses while any process has the database open: stop the server and the
 * workers first. The old file's `-wal` and `-shm` go with it (they belong to the old contents).
 */
export function restoreSqlite(path: string, file: string): void {
  const source = resolve(file);
  if (!existsSync(source)) throw new Error(`there is no backup at ${file}`);
  checkBackup(source);
  if (openElsewhere(path)) throw new Error(`${path} is open in another process (a server or a worker): stop it, then restore`);
  const staged = `${path}.restoring`;
  copyFileSync(source, staged);
  const handle = openSync(staged, 'r+');
  fsyncSync(handle);
  closeSync(handle);
  // Checked again just before the swap: the window in which a starting server could slip in is this one line.
  if (openElsewhere(path)) {
    rmSync(staged);
    throw new Error(`${path} was opened by another process meanwhile: stop it, then restore`);
  }
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  renameSync(staged, path);
}

function checkBackup(file: string): void {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(file, { readOnly: true });
    const [check] = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
    if (check?.integrity_check !== 'ok') throw new Error('it fails SQLite’s integrity check');
    const migrations = db.prepare("select count(*) as count from sqlite_master where type = 'table' and name = 'kysely_migration'").get() as {
      count: number;
    };
    if (!migrations.count) throw new Error('it has no Lodestone tables');
  } catch (error) {
    throw new Error(`${file} is not a usable backup: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db?.close();
  }
}
