import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database-url.ts';

/** Leads, their touches, the outbox, the local mailbox and rate-limit counters. */
export function leadsTouchesOutbox(engine: Engine): Migration {
  const id = engine === 'postgres' ? 'bigserial' : 'integer';
  const time = engine === 'postgres' ? 'bigint' : 'integer';
  const autoIncrement = engine === 'sqlite';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('leads')
        .addColumn('id', id, (column) => (autoIncrement ? column.primaryKey().autoIncrement() : column.primaryKey()))
        .addColumn('email', 'text', (column) => column.notNull().unique())
        .addColumn('name', 'text')
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('created_at', time, (column) => column.notNull())
        .addColumn('updated_at', time, (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('touches')
        .addColumn('id', id, (column) => (autoIncrement ? column.primaryKey().autoIncrement() : column.primaryKey()))
        .addColumn('lead_id', time, (column) => column.notNull().references('leads.id').onDelete('cascade'))
        .addColumn('form', 'text', (column) => column.notNull())
        .addColumn('page', 'text')
        .addColumn('magnet', 'text')
        .addColumn('landing', 'text')
        .addColumn('variant', 'text')
        .addColumn('utm_source', 'text')
        .addColumn('utm_medium', 'text')
        .addColumn('utm_campaign', 'text')
        .addColumn('utm_term', 'text')
        .addColumn('utm_content', 'text')
        .addColumn('gclid', 'text')
        .addColumn('fbclid', 'text')
        .addColumn('ttclid', 'text')
        .addColumn('landing_page', 'text')
        .addColumn('referrer', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('consent', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('consent_text', 'text')
        .addColumn('consent_version', 'text')
        .addColumn('fields', 'text')
        .addColumn('emailed', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('created_at', time, (column) => column.notNull())
        .execute();
      await db.schema.createIndex('touches_lead_created').on('touches').columns(['lead_id', 'created_at']).execute();

      await db.schema
        .createTable('outbox')
        .addColumn('id', id, (column) => (autoIncrement ? column.primaryKey().autoIncrement() : column.primaryKey()))
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('lead_id', time, (column) => column.references('leads.id').onDelete('cascade'))
        .addColumn('template', 'text', (column) => column.notNull())
        .addColumn('payload', 'text', (column) => column.notNull())
        .addColumn('idempotency_key', 'text', (column) => column.notNull().unique())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('next_attempt_at', time, (column) => column.notNull())
        .addColumn('locked_until', time)
        .addColumn('last_error', 'text')
        .addColumn('provider_id', 'text')
        .addColumn('created_at', time, (column) => column.notNull())
        .addColumn('sent_at', time)
        .execute();
      await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();

      await db.schema
        .createTable('mailbox')
        .addColumn('id', id, (column) => (autoIncrement ? column.primaryKey().autoIncrement() : column.primaryKey()))
        .addColumn('outbox_id', time, (column) => column.notNull().unique().references('outbox.id').onDelete('cascade'))
        .addColumn('from_address', 'text', (column) => column.notNull())
        .addColumn('to_address', 'text', (column) => column.notNull())
        .addColumn('subject', 'text', (column) => column.notNull())
        .addColumn('html', 'text', (column) => column.notNull())
        .addColumn('text', 'text', (column) => column.notNull())
        .addColumn('headers', 'text', (column) => column.notNull())
        .addColumn('created_at', time, (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'text', (column) => column.primaryKey())
        .addColumn('window_start', time, (column) => column.notNull())
        .addColumn('count', 'integer', (column) => column.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['rate_limits', 'mailbox', 'outbox', 'touches', 'leads']) await db.schema.dropTable(table).execute();
    },
  };
}
