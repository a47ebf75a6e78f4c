/**
 * The leads list's and a lead page's query times on a large store: BENCH_LEADS leads (100,000),
 * three touches each, on SQLite and, when TEST_DATABASE_URL names a server, on
 * PostgreSQL. Prints the median of five runs per query. Part of `npm run bench` (BENCH_ADMIN=0 skips it); alone:
 * `npm exec -- node tests/bench/lead-list.ts`.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { LeadSort, parseLeadListQuery } from '../../src/admin/leads/lead-list-query.ts';
import { attributionValues, listLeads } from '../../src/admin/leads/list-leads.ts';
import { loadLeadDetail } from '../../src/admin/leads/load-lead.ts';
import type { LeadStore } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { loadScoringRules } from '../../src/scoring/load-rules.ts';
import { createTestDatabase, type EngineName } from '../support/databases.ts';

const LEADS = Number(process.env.BENCH_LEADS ?? 100_000);
const TOUCHES_PER_LEAD = 3;
const SOURCES = ['google', 'meta', 'tiktok', 'linkedin', 'newsletter', null];
const CAMPAIGNS = ['spring', 'autumn', 'brand', 'retarget', null];
const STATUSES = ['new', 'new', 'new', 'marketing-qualified', 'sales-ready'];
const T0 = Date.UTC(2026, 0, 1);

async function seed(store: LeadStore): Promise<void> {
  const batch = 500;
  for (let start = 0; start < LEADS; start += batch) {
    await store.write(async (trx) => {
      const leads = Array.from({ length: Math.min(batch, LEADS - start) }, (_, offset) => {
        const n = start + offset;
        const at = T0 + n * 60_000;
        return {
          email: `lead${n}@example${n % 97}.com`,
          name: `Lead ${n}`,
          status: STATUSES[n % 5]!,
          score: (n * 37) % 101,
          created_at: at,
          updated_at: at,
          rescore_at: null,
        };
      });
      const ids = await trx.insertInto('leads').values(leads).returning(['id', 'created_at']).execute();
      const touches = ids.flatMap(({ id, created_at }) =>
        Array.from({ length: TOUCHES_PER_LEAD }, (_, t) => ({
          lead_id: id,
          form: t === 0 ? 'magnet' : 'landing',
          magnet: t === 0 ? 'lead-scoring-worksheet' : null,
          landing: t === 0 ? null : 'lead-scoring',
          variant: t === 0 ? null : ['google-search', 'meta-feed'][id % 2]!,
          utm_source: SOURCES[(id + t) % SOURCES.length]!,
          utm_campaign: CAMPAIGNS[(id * 7 + t) % CAMPAIGNS.length]!,
          consent: 1,
          emailed: 0,
          fields: JSON.stringify({ company_size: '11-50 people' }),
          created_at: created_at + t * 1000,
        })),
      );
      await trx.insertInto('touches').values(touches).execute();
    });
  }
}

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2]!;
}

async function measure(engine: EngineName): Promise<void> {
  const database = await createTestDatabase(engine);
  const store = database.open();
  try {
    await migrateToLatest(store);
    const seeding = performance.now();
    await seed(store);
    // As autovacuum soon would after such a load; SQLite is measured as the server runs it, without statistics.
    if (engine === 'postgres') await sql`analyze`.execute(store.db);
    console.log(
      `\n${engine}: ${LEADS.toLocaleString('en')} leads, ${(LEADS * TOUCHES_PER_LEAD).toLocaleString('en')} touches (seeded in ${((performance.now() - seeding) / 1000).toFixed(0)} s)\n`,
    );
    const middle = await listLeads(store.db, parseLeadListQuery(new URLSearchParams({ sort: LeadSort.Score })));
    const queries: [string, Record<string, string>][] = [
      ['newest, first page', {}],
      ['highest score', { sort: 'score' }],
      ['search "lead4242"', { q: 'lead4242' }],
      ['status sales-ready', { status: 'sales-ready' }],
      ['source google', { source: 'google' }],
      ['source meta + campaign brand', { source: 'meta', campaign: 'brand' }],
      ['landing + variant, by score', { landing: 'lead-scoring', variant: 'meta-feed', sort: 'score' }],
      ['status + source + search', { status: 'new', source: 'tiktok', q: 'example1' }],
      ['no match: source + unknown campaign', { source: 'google', campaign: 'nowhere' }],
      ['no match: search', { q: 'nobody-at-all' }],
      ['score, a later page', { sort: 'score', after: `${middle.rows.at(-1)!.score}.${middle.rows.at(-1)!.id}` }],
    ];
    for (const [label, params] of queries) {
      const ms = await median(() => listLeads(store.db, parseLeadListQuery(new URLSearchParams(params))));
      console.log(`${label.padEnd(36)} ${ms.toFixed(1).padStart(8)} ms`);
    }
    const menus = await median(() => attributionValues(store.db));
    console.log(`${'the source and campaign menus'.padEnd(36)} ${menus.toFixed(1).padStart(8)} ms`);
    const rules = await loadScoringRules();
    const ms = await median(() => loadLeadDetail(store.db, Math.floor(LEADS / 2), { rules, consultations: new Set() }, Date.now()));
    console.log(`${"a lead's page".padEnd(36)} ${ms.toFixed(1).padStart(8)} ms`);
  } finally {
    await store.close();
    await database.drop();
  }
}

/** Times the list on SQLite and, when TEST_DATABASE_URL names a server, on PostgreSQL (BENCH_ENGINE picks one). */
export async function benchLeadList(): Promise<void> {
  console.log(`\nThe admin's leads list and a lead's page, median of five (target under 200 ms each)`);
  const only = process.env.BENCH_ENGINE;
  if (!only || only === 'sqlite') await measure('sqlite');
  if (process.env.TEST_DATABASE_URL && (!only || only === 'postgres')) await measure('postgres');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchLeadList();
