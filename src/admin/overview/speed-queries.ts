import { sql, type RawBuilder } from 'kysely';
import type { LeadStore } from '../../db/database.ts';
import { LeadStatus } from '../../leads/lead-status.ts';
import { OutboxKind } from '../../outbox/outbox-kind.ts';
import { OutboxStatus } from '../../outbox/outbox-status.ts';
import { rangeMs, type DayRange } from './date-range.ts';
import { joinAcquisitionTouch } from './source-queries.ts';

/** A median and how many durations it is the median of. */
export interface MedianOf {
  median: number | undefined;
  count: number;
}

/**
 * The median of a subquery's `ms` column, worked out by the database in one pass: each duration's
 * rank and the count, then the mean of the one or two middle ones, so 100k durations never travel
 * to the server. Negative and null durations (a browser clock ahead of ours, a step not taken) are
 * left out.
 */
async function medianOf(store: LeadStore, durations: RawBuilder<unknown>): Promise<MedianOf> {
  const { rows } = await sql<{ median: number | null; count: number | null }>`
    select avg(ranked.ms) as median, max(ranked.n) as count from (
      select kept.ms, row_number() over (order by kept.ms) as r, count(*) over () as n
      from (select d.ms from (${durations}) as d where d.ms is not null and d.ms >= 0) as kept
    ) as ranked
    where ranked.r in ((ranked.n + 1) / 2, (ranked.n + 2) / 2)`.execute(store.db);
  const count = Number(rows[0]?.count ?? 0);
  return { median: count ? Number(rows[0]!.median) : undefined, count };
}

/** When the browser's first visit began (`first_touch` JSON's `at`), read without failing on a malformed value. */
function firstVisitAt(store: LeadStore, column: RawBuilder<unknown>): RawBuilder<number | null> {
  return store.engine === 'postgres'
    ? sql`cast(substring(${column} from ${'[{,]"at":([0-9]{1,15})[,}]'}) as bigint)`
    : sql`case when json_valid(${column}) then cast(json_extract(${column}, '$.at') as integer) end`;
}

export interface SpeedToLead {
  /** First visit (of the last 90 days, as the browser kept it) to signup, over leads created in the range. */
  visitToLead: MedianOf;
  /** Signup to the first move into sales-ready, over leads created in the range. */
  leadToSalesReady: MedianOf;
  /** A move into sales-ready in the range to the first CRM webhook delivered after it. */
  salesReadyToCrm: MedianOf;
}

export async function speedToLead(store: LeadStore, range: DayRange): Promise<SpeedToLead> {
  const { start, end } = rangeMs(range);
  const salesReady = LeadStatus.SalesReady;
  const [visitToLead, leadToSalesReady, salesReadyToCrm] = await Promise.all([
    medianOf(
      store,
      sql`select l.created_at - ${firstVisitAt(store, sql.ref('t.first_touch'))} as ms
        from leads as l ${joinAcquisitionTouch(store)}
        where l.created_at >= ${start} and l.created_at < ${end}`,
    ),
    medianOf(
      store,
      sql`select (select min(q.created_at) from qualification_changes as q where q.lead_id = l.id and q.to_status = ${salesReady}) - l.created_at as ms
        from leads as l where l.created_at >= ${start} and l.created_at < ${end}`,
    ),
    medianOf(
      store,
      sql`select (select min(o.sent_at) from outbox as o
          where o.lead_id = q.lead_id and o.kind = ${OutboxKind.Webhook} and o.status = ${OutboxStatus.Sent} and o.sent_at >= q.created_at) - q.created_at as ms
        from qualification_changes as q
        where q.to_status = ${salesReady} and q.created_at >= ${start} and q.created_at < ${end}`,
    ),
  ]);
  return { visitToLead, leadToSalesReady, salesReadyToCrm };
}
