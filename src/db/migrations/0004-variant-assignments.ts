import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database-url.ts';

/** Visitors assigned to a landing-page variant by the A/B split: the denominator of conversion per variant. */
export function variantAssignments(engine: Engine): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('variant_assignments')
        .addColumn('id', engine === 'postgres' ? 'bigserial' : 'integer', (column) =>
          engine === 'sqlite' ? column.primaryKey().autoIncrement() : column.primaryKey(),
        )
        .addColumn('landing', 'text', (column) => column.notNull())
        .addColumn('variant', 'text', (column) => column.notNull())
        .addColumn('created_at', engine === 'postgres' ? 'bigint' : 'integer', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('variant_assignments_landing').on('variant_assignments').columns(['landing', 'variant']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('variant_assignments').execute();
    },
  };
}
