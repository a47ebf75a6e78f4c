import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database-url.ts';

/**
 * The admin's sign-in sessions (a hash of each token, never the token), and the indexes the leads
 * list filters and sorts by: status and score on leads, and the attribution it filters touches by.
 */
export function adminSessions(engine: Engine): Migration {
  const time = engine === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('admin_sessions')
        .addColumn('token_hash', 'text', (column) => column.primaryKey())
        .addColumn('created_at', time, (column) => column.notNull())
        .addColumn('seen_at', time, (column) => column.notNull())
        .addColumn('expires_at', time, (column) => column.notNull())
        .execute();
      await db.schema.createIndex('admin_sessions_expiry').on('admin_sessions').column('expires_at').execute();
      await db.schema.createIndex('leads_created').on('leads').columns(['created_at', 'id']).execute();
      await db.schema.createIndex('leads_status_created').on('leads').columns(['status', 'created_at', 'id']).execute();
      await db.schema.createIndex('leads_score').on('leads').columns(['score', 'id']).execute();
      for (const column of ['utm_source', 'utm_campaign', 'magnet', 'landing']) {
        await db.schema.createIndex(`touches_${column}`).on('touches').columns([column, 'lead_id']).execute();
      }
    },
    async down(db: Kysely<any>) {
      for (const column of ['utm_source', 'utm_campaign', 'magnet', 'landing']) await db.schema.dropIndex(`touches_${column}`).execute();
      for (const index of ['leads_score', 'leads_status_created', 'leads_created']) await db.schema.dropIndex(index).execute();
      await db.schema.dropTable('admin_sessions').execute();
    },
  };
}
