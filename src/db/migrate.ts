import { Migrator, sql, type Migration } from 'kysely';
import type { LeadStore } from './database.ts';
import { leadsTouchesOutbox } from './migrations/0001-leads-touches-outbox.ts';
import { confirmationsDownloads } from './migrations/0002-confirmations-downloads.ts';
import { sequencesEvents } from './migrations/0003-sequences-events.ts';
import { variantAssignments } from './migrations/0004-variant-assignments.ts';
import { sendAttempts } from './migrations/0005-send-attempts.ts';
import { touchAttribution } from './migrations/0006-touch-attribution.ts';
import { heldSignups } from './migrations/0007-held-signups.ts';
import { qualification } from './migrations/0008-qualification.ts';
import { pageViews } from './migrations/0009-page-views.ts';
import { adminSessions } from './migrations/0010-admin-sessions.ts';
import { overviewIndexes } from './migrations/0011-overview-indexes.ts';
import { erasures } from './migrations/0012-erasures.ts';
import { sequenceOptOuts } from './migrations/0013-sequence-opt-outs.ts';
import { chats } from './migrations/0015-chats.ts';
import { leadAds } from './migrations/0016-lead-ads.ts';

/** Every migration in order. Never edit one that has shipped; add the next. */
export function migrations(store: LeadStore): Record<string, Migration> {
  return {
    '0001-leads-touches-outbox': leadsTouchesOutbox(store.engine),
    '0002-confirmations-downloads': confirmationsDownloads(store.engine),
    '0003-sequences-events': sequencesEvents(store.engine),
    '0004-variant-assignments': variantAssignments(store.engine),
    '0005-send-attempts': sendAttempts(store.engine),
    '0006-touch-attribution': touchAttribution(),
    '0007-held-signups': heldSignups(),
    '0008-qualification': qualification(store.engine),
    '0009-page-views': pageViews(store.engine),
    '0010-admin-sessions': adminSessions(store.engine),
    '0011-overview-indexes': overviewIndexes(),
    '0012-erasures': erasures(store.engine),
    '0013-sequence-opt-outs': sequenceOptOuts(store.engine),
    '0015-chats': chats(store.engine),
    '0016-lead-ads': leadAds(store.engine),
  };
}

/** PostgreSQL's codes for a schema or a table that does not exist (any more). */
const VANISHED = new Set(['3F000', '42P01']);
const LISTING_ATTEMPTS = 5;

/**
 * Brings the schema up to date. Safe to run from several instances at once: Kysely takes a lock
 * (an advisory lock on PostgreSQL) and each migration runs once.
 */
export async function migrateToLatest(store: LeadStore): Promise<string[]> {
  // On PostgreSQL, name the schema the migration tables live in: without it Kysely looks for them in
  // every schema of the database, and another schema's tables (a second app, a parallel test run)
  // would make it skip creating its own.
  const schema =
    store.engine === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations(store) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  for (let attempt = 1; ; attempt++) {
    const { error, results = [] } = await migrator.migrateToLatest();
    if (!error) return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
    const failed = results.find((result) => result.status === 'Error');
    // Before taking its lock, Kysely lists the tables of every schema in the database; another app or
    // test run dropping its own schema meanwhile fails that listing (no migration ran): list again.
    if (!failed && VANISHED.has((error as { code?: string }).code ?? '') && attempt < LISTING_ATTEMPTS) continue;
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
