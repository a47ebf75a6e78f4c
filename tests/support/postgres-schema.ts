import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface PostgresSchema {
  /** The server's URL with the new schema as its search path: a DATABASE_URL of its own. */
  url: string;
  drop(): Promise<void>;
}

async function run(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new, empty schema in the PostgreSQL database at `serverUrl` (for tests and the bench; no vitest here). */
export async function createPostgresSchema(serverUrl: string, prefix: string): Promise<PostgresSchema> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  await run(serverUrl, `create schema ${schema}`);
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.href, drop: () => run(serverUrl, `drop schema ${schema} cascade`) };
}
