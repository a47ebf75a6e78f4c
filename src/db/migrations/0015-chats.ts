import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database-url.ts';

/** Conversations of the chat, stored once the visitor gave an address with consent; erased with their lead. */
export function chats(engine: Engine): Migration {
  const time = engine === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('chats')
        .addColumn('id', engine === 'postgres' ? 'bigserial' : 'integer', (column) =>
          engine === 'sqlite' ? column.primaryKey().autoIncrement() : column.primaryKey(),
        )
        .addColumn('lead_id', time, (column) => column.notNull().references('leads.id').onDelete('cascade'))
        .addColumn('script', 'text', (column) => column.notNull())
        .addColumn('transcript', 'text', (column) => column.notNull())
        .addColumn('outcome', 'text', (column) => column.notNull())
        .addColumn('created_at', time, (column) => column.notNull())
        .execute();
      await db.schema.createIndex('chats_lead').on('chats').columns(['lead_id', 'created_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('chats').execute();
    },
  };
}
