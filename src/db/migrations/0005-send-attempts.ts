import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database-url.ts';

/**
 * Send attempts: the exact request handed to the email provider, with its Idempotency-Key and the
 * outbox rows it carries, written before the call so that a retry after a lost answer or a crash
 * repeats the same request byte for byte.
 */
export function sendAttempts(engine: Engine): Migration {
  const id = engine === 'postgres' ? 'bigserial' : 'integer';
  const bigint = engine === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('send_attempts')
        .addColumn('id', id, (column) => (engine === 'sqlite' ? column.primaryKey().autoIncrement() : column.primaryKey()))
        .addColumn('idempotency_key', 'text', (column) => column.notNull().unique())
        .addColumn('emails', 'text', (column) => column.notNull())
        .addColumn('outbox_ids', 'text', (column) => column.notNull())
        .addColumn('created_at', bigint, (column) => column.notNull())
        .execute();
      await db.schema
        .alterTable('outbox')
        .addColumn('attempt_id', bigint, (column) => column.references('send_attempts.id').onDelete('set null'))
        .execute();
      await db.schema.createIndex('outbox_attempt').on('outbox').column('attempt_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('outbox_attempt').execute();
      await db.schema.alterTable('outbox').dropColumn('attempt_id').execute();
      await db.schema.dropTable('send_attempts').execute();
    },
  };
}
