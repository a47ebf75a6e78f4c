/** `npm run db:backup -- <file>`: a consistent copy of the SQLite database named by DATABASE_URL, made while the server runs. */
import { parseDatabaseUrl } from '../db/database-url.ts';
import { backupSqlite } from '../ops/sqlite-backup.ts';

const [file] = process.argv.slice(2);
try {
  if (!file) throw new Error('name the backup file: npm run db:backup -- backups/lodestone-2026-12-02.db');
  const target = parseDatabaseUrl(process.env.DATABASE_URL);
  if (target.engine !== 'sqlite' || target.path === ':memory:') throw new Error('DATABASE_URL is not a SQLite file: back PostgreSQL up with pg_dump');
  const started = Date.now();
  backupSqlite(target.path, file);
  console.log(`backed up ${target.path} to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`db:backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
