import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database-url.ts';

/**
 * Lead ads: one row per lead a platform (Meta, TikTok) told us about, unique on the platform's own
 * lead id, so a redelivered notification is recognised and makes nothing twice. The row is stored
 * before the webhook is answered and worked in the background (Meta's lead is fetched from the
 * Graph API with retries); the lead, its touch, its emails and the row's `captured` state are
 * written in one transaction.
 */
export function leadAds(engine: Engine): Migration {
  const time = engine === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('ad_leads')
        .addColumn('id', engine === 'postgres' ? 'bigserial' : 'integer', (column) =>
          engine === 'sqlite' ? column.primaryKey().autoIncrement() : column.primaryKey(),
        )
        .addColumn('platform', 'text', (column) => column.notNull())
        .addColumn('platform_lead_id', 'text', (column) => column.notNull())
        .addColumn('payload', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('next_attempt_at', time, (column) => column.notNull())
        .addColumn('locked_until', time)
        .addColumn('last_error', 'text')
        .addColumn('lead_id', time, (column) => column.references('leads.id').onDelete('set null'))
        .addColumn('created_at', time, (column) => column.notNull())
        .addColumn('captured_at', time)
        .addUniqueConstraint('ad_leads_platform_lead', ['platform', 'platform_lead_id'])
        .execute();
      await db.schema.createIndex('ad_leads_due').on('ad_leads').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('ad_leads_lead').on('ad_leads').column('lead_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('ad_leads').execute();
    },
  };
}
