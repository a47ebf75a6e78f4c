import { sql } from 'kysely';
import type { LeadStore } from '../../src/db/database.ts';

/** Every table of the database, found by asking it, so a table added later is searched too. */
async function tableNames(store: LeadStore): Promise<string[]> {
  const query =
    store.engine === 'postgres'
      ? sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`
      : sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`;
  return (await query.execute(store.db)).rows.map((row) => row.name).filter((name) => !name.startsWith('kysely_'));
}

/**
 * Where a lead still shows in the database: every row of every table that contains the address
 * (in any column, JSON included), and every row whose `lead_id` is the lead's, as `table: row`.
 */
export async function personalTraces(store: LeadStore, email: string, leadId: number): Promise<string[]> {
  const traces: string[] = [];
  for (const table of await tableNames(store)) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(store.db)).rows;
    for (const row of rows) {
      const text = JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
      const isLead = table === 'leads' && Number(row.id) === leadId;
      if (text.toLowerCase().includes(email.toLowerCase()) || Number(row.lead_id) === leadId || isLead) traces.push(`${table}: ${text}`);
    }
  }
  return traces;
}
