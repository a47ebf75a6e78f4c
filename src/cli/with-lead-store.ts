import { parseDatabaseUrl } from '../db/database-url.ts';
import { openDatabase, type LeadStore } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** Runs `work` on the lead store DATABASE_URL names, brought up to date first, and closes it after. */
export async function withLeadStore<T>(work: (store: LeadStore) => Promise<T>): Promise<T> {
  const store = openDatabase(parseDatabaseUrl(process.env.DATABASE_URL));
  try {
    await migrateToLatest(store);
    return await work(store);
  } finally {
    await store.close();
  }
}
