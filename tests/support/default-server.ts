import { afterAll, beforeAll } from 'vitest';
import { startAppServer, type AppServer } from './app-server.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

/** The built server as `npm run serve` starts it with nothing set but its database. */
export interface DefaultServer {
  server: AppServer;
  /** A fresh SQLite database, the server's. */
  database: TestDatabase;
}

/** Starts it before the surrounding `describe`'s tests and stops it after them; read the fields inside tests. */
export function useDefaultServer(): DefaultServer {
  const served = {} as DefaultServer;
  beforeAll(async () => {
    served.database = await createTestDatabase('sqlite');
    served.server = await startAppServer({ DATABASE_URL: served.database.url });
  });
  afterAll(async () => {
    await served.server?.stop();
    await served.database?.drop();
  });
  return served;
}
