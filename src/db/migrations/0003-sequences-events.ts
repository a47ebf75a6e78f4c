import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database-url.ts';

/** Unsubscribes and suppressions, email events from Resend, and webhook deliveries already seen. */
export function sequencesEvents(engine: Engine): Migration {
  const id = engine === 'postgres' ? 'bigserial' : 'integer';
  const time = engine === 'postgres' ? 'bigint' : 'integer';
  const primary = engine === 'sqlite';
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('leads').addColumn('unsubscribed_at', time).execute();
      await db.schema.alterTable('leads').addColumn('suppressed_at', time).execute();
      await db.schema.alterTable('leads').addColumn('suppressed_reason', 'text').execute();
      await db.schema
        .createTable('email_events')
        .addColumn('id', id, (column) => (primary ? column.primaryKey().autoIncrement() : column.primaryKey()))
        .addColumn('lead_id', time, (column) => column.references('leads.id').onDelete('cascade'))
        .addColumn('outbox_id', time, (column) => column.references('outbox.id').onDelete('set null'))
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('provider_id', 'text')
        .addColumn('detail', 'text')
        .addColumn('created_at', time, (column) => column.notNull())
        .execute();
      await db.schema.createIndex('email_events_lead').on('email_events').columns(['lead_id', 'type']).execute();
      await db.schema
        .createTable('webhook_receipts')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('received_at', time, (column) => column.notNull())
        .execute();
      await db.schema.createIndex('outbox_provider').on('outbox').column('provider_id').execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['webhook_receipts', 'email_events']) await db.schema.dropTable(table).execute();
      await db.schema.dropIndex('outbox_provider').execute();
      for (const column of ['suppressed_reason', 'suppressed_at', 'unsubscribed_at'])
        await db.schema.alterTable('leads').dropColumn(column).execute();
    },
  };
}
