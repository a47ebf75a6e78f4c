import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from '../database-url.ts';

/**
 * Lead qualification: `leads.status` now says how far a lead is qualified (`new`,
 * `marketing-qualified`, `sales-ready`), beside its score; `rescore_at` says when the lead is next
 * due to be scored (set with every touch or event, and later as behaviour points fade); each move
 * of the status is kept with the explanation that caused it.
 */
export function qualification(engine: Engine): Migration {
  const id = engine === 'postgres' ? 'bigserial' : 'integer';
  const time = engine === 'postgres' ? 'bigint' : 'integer';
  const primary = engine === 'sqlite';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .alterTable('leads')
        .addColumn('score', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('leads').addColumn('rescore_at', time).execute();
      await db.schema.createIndex('leads_rescore').on('leads').column('rescore_at').execute();
      // Every lead stored so far is scored once by the qualifier, as if it had just signed up.
      await sql`update leads set status = 'new', rescore_at = created_at where status = 'active'`.execute(db);
      await db.schema
        .createTable('qualification_changes')
        .addColumn('id', id, (column) => (primary ? column.primaryKey().autoIncrement() : column.primaryKey()))
        .addColumn('lead_id', time, (column) => column.notNull().references('leads.id').onDelete('cascade'))
        .addColumn('from_status', 'text', (column) => column.notNull())
        .addColumn('to_status', 'text', (column) => column.notNull())
        .addColumn('score', 'integer', (column) => column.notNull())
        /** The explanation lines, as a JSON array. */
        .addColumn('explanation', 'text', (column) => column.notNull())
        .addColumn('created_at', time, (column) => column.notNull())
        .execute();
      await db.schema.createIndex('qualification_changes_lead').on('qualification_changes').columns(['lead_id', 'created_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('qualification_changes').execute();
      await sql`update leads set status = 'active'`.execute(db);
      await db.schema.dropIndex('leads_rescore').execute();
      for (const column of ['rescore_at', 'score']) await db.schema.alterTable('leads').dropColumn(column).execute();
    },
  };
}
