import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/app-server.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/databases.ts';

const run = promisify(execFile);
const migrate = (databaseUrl: string) =>
  run(process.execPath, ['src/cli/db-migrate.ts'], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: databaseUrl } });

describe.each(engines)('npm run db:migrate on %s', (engine) => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it('applies the migrations once, then says the database is up to date', async () => {
    const database = await createTestDatabase(engine);
    databases.push(database);
    expect((await migrate(database.url)).stdout).toMatch(/applied: 0001-leads-touches-outbox/);
    expect((await migrate(database.url)).stdout).toMatch(/database is up to date/);
    const store = database.open();
    expect(await store.db.selectFrom('leads').selectAll().execute()).toEqual([]);
    await store.close();
  });
});

describe('npm run db:migrate with a wrong DATABASE_URL', () => {
  it('exits 1 with a message naming the variable', async () => {
    const failure = await migrate('mysql://db/leads').then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/DATABASE_URL must start with file:/);
  });
});
