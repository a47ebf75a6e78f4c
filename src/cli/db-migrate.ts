/** `npm run db:migrate`: brings the database named by DATABASE_URL up to date, then exits. */
import { parseDatabaseUrl } from '../db/database-url.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

try {
  const target = parseDatabaseUrl(process.env.DATABASE_URL);
  const store = openDatabase(target);
  const applied = await migrateToLatest(store);
  await store.close();
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} catch (error) {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
