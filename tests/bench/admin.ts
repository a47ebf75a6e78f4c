/**
 * The admin overview's query times at scale: 100k leads over a year, 300k touches, 1M split
 * assignments, 365k daily page-view counts (1,000 pages × 365 days), with their status moves and
 * CRM webhooks; on SQLite, and on PostgreSQL when reachable. Each query's median of BENCH_ADMIN_RUNS
 * (5) after a warm-up, for the last 30 and 90 days and the whole year; target under 200 ms each.
 * Part of `npm run bench` (BENCH_ADMIN=0 skips it); alone: `npm run bench:admin`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import { loadOverview, readForOverview } from '../../src/admin/overview/load-overview.ts';
import { sourceQuality } from '../../src/admin/overview/source-queries.ts';
import { speedToLead } from '../../src/admin/overview/speed-queries.ts';
import { leadsPerDay, pageConversions, splitArms } from '../../src/admin/overview/traffic-queries.ts';
import type { DayRange } from '../../src/admin/overview/date-range.ts';
import { openDatabase, type LeadStore } from '../../src/db/database.ts';
import { parseDatabaseUrl } from '../../src/db/database-url.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { DAY_MS, dayOf } from '../../src/scoring/lead-events.ts';
import { createPostgresSchema } from '../support/postgres-schema.ts';

export const ADMIN_SCALE = { leads: 100_000, touchesPerLead: 3, assignments: 1_000_000, pages: 1_000, days: 365 };
export const TARGET_MS = 200;
const RUNS = Number(process.env.BENCH_ADMIN_RUNS ?? 5);
/** The ranges measured, in days ending today (BENCH_ADMIN_DAYS=30,90,365). */
const DAYS = (process.env.BENCH_ADMIN_DAYS ?? '30,90,365').split(',').map(Number);

/** 1…n as a one-column (`i`) table expression. */
function series(store: LeadStore, n: number): RawBuilder<unknown> {
  return store.engine === 'postgres'
    ? sql`(select generate_series(cast(1 as bigint), ${sql.lit(n)}) as i)`
    : sql`(with recursive s(i) as (select 1 union all select i + 1 from s where i < ${sql.lit(n)}) select i from s)`;
}

/** Fills an empty, migrated store in a few set-based statements (seconds, not minutes). */
export async function seedOverview(store: LeadStore, now: number): Promise<void> {
  const { leads, touchesPerLead, assignments, pages, days } = ADMIN_SCALE;
  const first = now - days * DAY_MS;
  const step = Math.floor((days * DAY_MS) / leads);
  // Parenthesised: SQLite's || binds tighter than arithmetic.
  const text = (expression: RawBuilder<unknown>) => (store.engine === 'postgres' ? sql`cast(${expression} as text)` : sql`(${expression})`);
  const i = sql.ref('g.i');
  const statements: RawBuilder<unknown>[] = [
    sql`insert into leads (email, name, status, score, created_at, updated_at)
      select 'lead' || ${text(sql`${i}`)} || '@example.com', null,
        case when g.i % 10 = 0 then 'sales-ready' when g.i % 4 = 0 then 'marketing-qualified' else 'new' end,
        0, ${sql.lit(first)} + g.i * ${sql.lit(step)}, ${sql.lit(first)} + g.i * ${sql.lit(step)}
      from ${series(store, leads)} as g`,
    // Touch n of lead ((n - 1) / touchesPerLead) + 1, two days apart; one in five on a landing variant.
    sql`insert into touches (lead_id, form, page, magnet, landing, variant, utm_source, utm_medium, utm_campaign, first_touch, consent, emailed, created_at)
      select l.id, 'magnet',
        case when (l.id + t.j) % 5 = 0 then '/lp/lead-scoring/meta-' || case when l.id % 2 = 0 then 'worksheet' else 'examples' end || '/'
          else '/articles/article-' || ${text(sql`(l.id * 7 + t.j) % ${sql.lit(pages - 3)}`)} || '/' end,
        'lead-scoring-worksheet',
        case when (l.id + t.j) % 5 = 0 then 'lead-scoring' end,
        case when (l.id + t.j) % 5 = 0 then case when l.id % 2 = 0 then 'meta-worksheet' else 'meta-examples' end end,
        case l.id % 4 when 0 then 'google' when 1 then 'facebook' when 2 then 'tiktok' else null end,
        case l.id % 4 when 0 then 'cpc' when 1 then 'paid_social' when 2 then 'paid_social' else null end,
        'campaign-' || ${text(sql`l.id % 12`)},
        '{"utm_source":"google","at":' || ${text(sql`l.created_at - (l.id % 48) * 3600000`)} || '}',
        1, 1, l.created_at + t.j * ${sql.lit(2 * DAY_MS)}
      from leads as l cross join (select 0 as j union all select 1 union all select 2) as t
      where t.j < ${sql.lit(touchesPerLead)}`,
    sql`insert into qualification_changes (lead_id, from_status, to_status, score, explanation, created_at)
      select id, 'new', 'marketing-qualified', 40, '[]', created_at + 3600000 from leads where status <> 'new'`,
    sql`insert into qualification_changes (lead_id, from_status, to_status, score, explanation, created_at)
      select id, 'marketing-qualified', 'sales-ready', 70, '[]', created_at + 7200000 from leads where status = 'sales-ready'`,
    sql`insert into outbox (kind, lead_id, template, payload, idempotency_key, status, attempts, next_attempt_at, created_at, sent_at)
      select 'webhook', id, 'crm-handoff', '{}', 'bench-' || ${text(sql`id`)}, 'sent', 1, created_at + 7200000, created_at + 7200000,
        created_at + 7200000 + (id % 600) * 1000
      from leads where status = 'sales-ready'`,
    sql`insert into variant_assignments (landing, variant, created_at)
      select 'lead-scoring', case when g.i % 2 = 0 then 'meta-worksheet' else 'meta-examples' end,
        ${sql.lit(first)} + g.i * ${sql.lit(Math.floor((days * DAY_MS) / assignments))}
      from ${series(store, assignments)} as g`,
    sql`insert into page_view_counts (path, day, views)
      select case when p.i <= 2 then '/lp/lead-scoring/meta-' || case when p.i = 1 then 'worksheet' else 'examples' end || '/'
          else '/articles/article-' || ${text(sql`p.i - 3`)} || '/' end,
        (${sql.lit(dayOf(first))} + d.i) * ${sql.lit(DAY_MS)}, 1 + (p.i * d.i) % 97
      from ${series(store, pages)} as p cross join ${series(store, days)} as d`,
  ];
  // One statement at a time on the reading connection: each commits on its own, durable on return.
  for (const statement of statements) await statement.execute(store.db);
  if (store.engine === 'postgres') await sql`analyze`.execute(store.db);
  else await sql`analyze`.execute(store.db);
}

export interface QueryTime {
  engine: string;
  query: string;
  days: number;
  medianMs: number;
}

const QUERIES: [string, (store: LeadStore, range: DayRange) => Promise<unknown>][] = [
  ['leads per day', leadsPerDay],
  ['views and leads per page', pageConversions],
  ['A/B split arms', splitArms],
  ['lead quality by source', sourceQuality],
  ['speed-to-lead medians', speedToLead],
];

async function timeQueries(store: LeadStore, engine: string, today: number): Promise<QueryTime[]> {
  const times: QueryTime[] = [];
  for (const days of DAYS) {
    const range = { fromDay: today - days + 1, toDay: today };
    const queries: typeof QUERIES = [
      ...QUERIES.map(([query, run]): (typeof QUERIES)[number] => [query, (store, range) => readForOverview(store, (reader) => run(reader, range))]),
      ['whole overview', (store, range) => loadOverview(store, range)],
    ];
    for (const [query, run] of queries) {
      await run(store, range);
      const samples: number[] = [];
      for (let round = 0; round < RUNS; round++) {
        const started = performance.now();
        await run(store, range);
        samples.push(performance.now() - started);
      }
      samples.sort((a, b) => a - b);
      times.push({ engine, query, days, medianMs: samples[Math.floor(samples.length / 2)]! });
    }
  }
  return times;
}

async function measure(url: string, engine: string): Promise<{ times: QueryTime[]; seedMs: number }> {
  const store = openDatabase(parseDatabaseUrl(url));
  try {
    await migrateToLatest(store);
    const now = Date.now();
    const started = performance.now();
    await seedOverview(store, now);
    const seedMs = performance.now() - started;
    return { times: await timeQueries(store, engine, dayOf(now)), seedMs };
  } finally {
    await store.close();
  }
}

export async function measureOverviewSqlite(): Promise<{ times: QueryTime[]; seedMs: number }> {
  const directory = mkdtempSync(join(tmpdir(), 'lodestone-bench-admin-'));
  try {
    return await measure(`file:${join(directory, 'lodestone.db')}`, 'SQLite');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export async function measureOverviewPostgres(serverUrl: string): Promise<{ times: QueryTime[]; seedMs: number }> {
  const schema = await createPostgresSchema(serverUrl, 'lodestone_bench_admin');
  try {
    return await measure(schema.url, `PostgreSQL (${new URL(serverUrl).host})`);
  } finally {
    await schema.drop();
  }
}

export function formatOverviewTimes(times: readonly QueryTime[]): string {
  const lines = [`${'engine'.padEnd(28)} ${'query'.padEnd(26)} ${'days'.padStart(4)} ${'median ms'.padStart(10)}  target ${TARGET_MS} ms`];
  for (const time of times) {
    lines.push(
      `${time.engine.padEnd(28)} ${time.query.padEnd(26)} ${String(time.days).padStart(4)} ${time.medianMs.toFixed(1).padStart(10)}  ${time.medianMs < TARGET_MS ? 'met' : 'NOT met'}`,
    );
  }
  return lines.join('\n');
}

/** The admin part of `npm run bench`: SQLite always, PostgreSQL when `postgresUrl` is given (reachable). */
export async function benchAdmin(postgresUrl: string | undefined): Promise<void> {
  const { leads, touchesPerLead, assignments, pages, days } = ADMIN_SCALE;
  console.log(
    `\nAdmin overview: ${leads.toLocaleString('en')} leads, ${(leads * touchesPerLead).toLocaleString('en')} touches, ${assignments.toLocaleString('en')} split assignments, ${(pages * days).toLocaleString('en')} daily page-view counts; median of ${RUNS}\n`,
  );
  const report = ({ times, seedMs }: { times: QueryTime[]; seedMs: number }) =>
    console.log(`data generated on ${times[0]!.engine} in ${(seedMs / 1000).toFixed(1)} s\n${formatOverviewTimes(times)}\n`);
  report(await measureOverviewSqlite());
  if (postgresUrl) report(await measureOverviewPostgres(postgresUrl));
  if (!postgresUrl) console.log('PostgreSQL is not reachable: its part is skipped.');
}

if (process.argv[1] === import.meta.filename) {
  const { postgresReachable, POSTGRES_URL } = await import('./postgres-url.ts');
  await benchAdmin((await postgresReachable(POSTGRES_URL)) ? POSTGRES_URL : undefined);
}
