/** `npm run db:restore -- <file>`: replaces the SQLite database named by DATABASE_URL with a backup; refuses while a server or worker has it open. */
import { parseDatabaseUrl } from '../db/database-url.ts';
import { restoreSqlite } from '../ops/sqlite-backup.ts';

const [file] = process.argv.slice(2);
try {
  if (!file) throw new Error('name the backup to restore: npm run db:restore -- backups/lodestone-2026-12-02.db');
  const target = parseDatabaseUrl(process.env.DATABASE_URL);
  if (target.engine !== 'sqlite' || target.path === ':memory:')
    throw new Error('DATABASE_URL is not a SQLite file: restore PostgreSQL with pg_restore');
  restoreSqlite(target.path, file);
  console.log(`restored ${target.path} from ${file}`);
} catch (error) {
  console.error(`db:restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
