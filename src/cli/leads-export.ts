/** `npm run leads:export -- <email>`: prints everything stored about the lead with that address as JSON (an access request). */
import { parseDatabaseUrl } from '../db/database-url.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { exportLead } from '../privacy/export-lead.ts';

const address = process.argv[2];
if (!address || process.argv.length > 3) {
  console.error('usage: npm run leads:export -- <email>');
  process.exit(2);
}

try {
  const store = openDatabase(parseDatabaseUrl(process.env.DATABASE_URL));
  try {
    await migrateToLatest(store);
    const data = await exportLead(store, { email: address });
    if (data) console.log(JSON.stringify(data, null, 2));
    else {
      console.error(`leads:export: no lead has the address ${address}`);
      process.exitCode = 1;
    }
  } finally {
    await store.close();
  }
} catch (error) {
  console.error(`leads:export failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
