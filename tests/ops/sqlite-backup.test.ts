import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/db/database-url.ts';
import { projectRoot, startAppServer, type AppServer } from '../support/app-server.ts';
import { createTestDatabase, waitFor, type TestDatabase } from '../support/databases.ts';
import { postSignup, signup, TEST_SECRET } from '../support/signup-client.ts';

/** Runs an npm script's entry as `npm run <script> -- <file>` does, and returns its exit code and output. */
async function runCli(entry: string, file: string, databaseUrl: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [entry, file], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

function addressesIn(file: string): Set<string> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return new Set((db.prepare('select email from leads').all() as { email: string }[]).map((row) => row.email));
  } finally {
    db.close();
  }
}

describe('npm run db:backup and db:restore (SQLite)', () => {
  let database: TestDatabase;
  let server: AppServer;
  let directory: string;
  let path: string;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    path = (parseDatabaseUrl(database.url) as { path: string }).path;
    directory = mkdtempSync(join(tmpdir(), 'lodestone-backup-'));
    server = await startAppServer({ DATABASE_URL: database.url, LODESTONE_SECRET: TEST_SECRET, RATE_LIMIT: 'off' });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('copies every signup acknowledged before it started while signups keep coming, and restores it once the server is stopped', async () => {
    // A long read meanwhile (an export, say) keeps SQLite from moving the new commits out of the WAL
    // file: a copy of the database file alone would miss them; a backup must not.
    const reader = new DatabaseSync(path, { readOnly: true });
    reader.exec('BEGIN');
    reader.prepare('select count(*) from leads').get();
    const acknowledged: { email: string; at: number }[] = [];
    let sent = 0;
    let loading = true;
    const writer = async () => {
      while (loading) {
        const email = `load-${sent++}@example.com`;
        const response = await postSignup(server.base, signup(email));
        if (response.status === 202) acknowledged.push({ email, at: Date.now() });
      }
    };
    const writers = Array.from({ length: 6 }, writer);
    await waitFor(() => acknowledged.length >= 50, 20_000, '50 signups before the backup');

    const file = join(directory, 'backup.db');
    const started = Date.now();
    const backup = await runCli('src/cli/db-backup.ts', file, database.url);
    const during = acknowledged.length;
    reader.exec('COMMIT');
    reader.close();
    await waitFor(() => acknowledged.length >= during + 20, 20_000, 'signups after the backup');
    loading = false;
    await Promise.all(writers);

    expect(backup).toMatchObject({ code: 0, output: expect.stringMatching(/^backed up .* in [\d.]+ s\n$/) });
    const saved = addressesIn(file);
    const before = acknowledged.filter((signup) => signup.at < started).map((signup) => signup.email);
    expect(before.length).toBeGreaterThanOrEqual(50);
    expect(before.filter((email) => !saved.has(email))).toEqual([]);
    // The copy is a snapshot: the signups after it are not in it.
    const live = addressesIn(path);
    expect(live.size).toBeGreaterThan(saved.size);

    // A second backup to the same file is refused rather than overwriting the first.
    expect(await runCli('src/cli/db-backup.ts', file, database.url)).toMatchObject({ code: 1, output: expect.stringMatching(/already exists/) });

    // While the server has the database open, restore refuses and changes nothing.
    const refused = await runCli('src/cli/db-restore.ts', file, database.url);
    expect(refused).toEqual({
      code: 1,
      output: expect.stringMatching(/^db:restore failed: .* is open in another process \(a server or a worker\): stop it, then restore\n$/),
    });
    expect(addressesIn(path).size).toBe(live.size);

    await server.stop();
    expect(await runCli('src/cli/db-restore.ts', file, database.url)).toMatchObject({ code: 0 });
    expect(addressesIn(path)).toEqual(saved);

    // The server starts on the restored database and takes signups again.
    server = await startAppServer({ DATABASE_URL: database.url, LODESTONE_SECRET: TEST_SECRET, RATE_LIMIT: 'off' });
    expect((await postSignup(server.base, signup('after-restore@example.com'))).status).toBe(202);
    expect(addressesIn(path).size).toBe(saved.size + 1);
  });

  it('refuses a file that is not a Lodestone backup', async () => {
    const empty = join(directory, 'empty.db');
    new DatabaseSync(empty).close();
    await server.stop();
    expect(await runCli('src/cli/db-restore.ts', empty, database.url)).toMatchObject({
      code: 1,
      output: expect.stringMatching(/is not a usable backup: it has no Lodestone tables/),
    });
    server = await startAppServer({ DATABASE_URL: database.url, LODESTONE_SECRET: TEST_SECRET, RATE_LIMIT: 'off' });
  });
});
