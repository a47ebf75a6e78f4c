import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database-url.ts';

/** When a lead confirmed the address (double opt-in), and every download of a magnet. */
export function confirmationsDownloads(engine: Engine): Migration {
  const id = engine === 'postgres' ? 'bigserial' : 'integer';
  const time = engine === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('leads').addColumn('confirmed_at', time).execute();
      await db.schema
        .createTable('downloads')
        .addColumn('id', id, (column) => (engine === 'sqlite' ? column.primaryKey().autoIncrement() : column.primaryKey()))
        .addColumn('lead_id', time, (column) => column.notNull().references('leads.id').onDelete('cascade'))
        .addColumn('magnet', 'text', (column) => column.notNull())
        .addColumn('user_agent', 'text')
        .addColumn('created_at', time, (column) => column.notNull())
        .execute();
      await db.schema.createIndex('downloads_lead').on('downloads').columns(['lead_id', 'magnet']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('downloads').execute();
      await db.schema.alterTable('leads').dropColumn('confirmed_at').execute();
    },
  };
}
