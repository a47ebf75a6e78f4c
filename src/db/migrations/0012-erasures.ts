import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database-url.ts';

/** That a lead was erased on request, and when: never who (no address, no lead id). */
export function erasures(engine: Engine): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('erasures')
        .addColumn('id', engine === 'postgres' ? 'bigserial' : 'integer', (column) =>
          engine === 'sqlite' ? column.primaryKey().autoIncrement() : column.primaryKey(),
        )
        .addColumn('erased_at', engine === 'postgres' ? 'bigint' : 'integer', (column) => column.notNull())
        .addColumn('reason', 'text')
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('erasures').execute();
    },
  };
}
