import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database-url.ts';

/**
 * Page views from the beacon: an anonymous count per page per UTC day (the denominator of
 * conversion rates per article, magnet and landing variant), and the views of leads who signed up
 * with consent, with the article's tags as the page carried them, so scoring needs no content.
 */
export function pageViews(engine: Engine): Migration {
  const time = engine === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('page_view_counts')
        .addColumn('path', 'text', (column) => column.notNull())
        .addColumn('day', time, (column) => column.notNull())
        .addColumn('views', 'integer', (column) => column.notNull())
        .addPrimaryKeyConstraint('page_view_counts_pkey', ['path', 'day'])
        .execute();
      await db.schema
        .createTable('page_views')
        .addColumn('id', engine === 'postgres' ? 'bigserial' : 'integer', (column) =>
          engine === 'sqlite' ? column.primaryKey().autoIncrement() : column.primaryKey(),
        )
        .addColumn('lead_id', time, (column) => column.notNull().references('leads.id').onDelete('cascade'))
        .addColumn('path', 'text', (column) => column.notNull())
        .addColumn('tags', 'text')
        .addColumn('created_at', time, (column) => column.notNull())
        .execute();
      await db.schema.createIndex('page_views_lead').on('page_views').columns(['lead_id', 'created_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('page_views').execute();
      await db.schema.dropTable('page_view_counts').execute();
    },
  };
}
