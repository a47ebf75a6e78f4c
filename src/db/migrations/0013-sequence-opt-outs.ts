import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database-url.ts';

/**
 * The sequences a lead left from the preference centre, one row each (the newsletter is its
 * sequence): the rest of their email goes on. Leaving everything stays `leads.unsubscribed_at`.
 */
export function sequenceOptOuts(engine: Engine): Migration {
  const time = engine === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('sequence_opt_outs')
        .addColumn('lead_id', time, (column) => column.notNull().references('leads.id').onDelete('cascade'))
        .addColumn('sequence', 'text', (column) => column.notNull())
        .addColumn('created_at', time, (column) => column.notNull())
        .addPrimaryKeyConstraint('sequence_opt_outs_pk', ['lead_id', 'sequence'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('sequence_opt_outs').execute();
    },
  };
}
