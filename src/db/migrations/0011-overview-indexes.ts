import type { Kysely, Migration } from 'kysely';

/** [index, table, columns]: each read by one range query of the admin overview (src/admin/overview/). */
const INDEXES: readonly [string, string, string[]][] = [
  // New leads in a range of days, per day: 0010's leads_created (created_at, id) serves.
  // Signups in a range: distinct leads per page from the index alone, and per landing variant.
  ['touches_created', 'touches', ['created_at', 'page', 'lead_id']],
  // Views in a range per page: the primary key (path, day) starts with the path, so a range of days would read every row.
  ['page_view_counts_day', 'page_view_counts', ['day', 'path', 'views']],
  // Visitors the split assigned in a range, per variant, from the index alone.
  ['variant_assignments_created', 'variant_assignments', ['created_at', 'landing', 'variant']],
  // Moves into sales-ready in a range.
  ['qualification_changes_status', 'qualification_changes', ['to_status', 'created_at']],
  // A lead's first CRM webhook delivered after a move.
  ['outbox_lead_kind', 'outbox', ['lead_id', 'kind', 'sent_at']],
];

/** Indexes that keep the admin overview's queries under 200 ms with 100k leads (see README, Performance). */
export function overviewIndexes(): Migration {
  return {
    async up(db: Kysely<any>) {
      for (const [name, table, columns] of INDEXES) await db.schema.createIndex(name).on(table).columns(columns).execute();
    },
    async down(db: Kysely<any>) {
      for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
    },
  };
}
