/**
 * `node tests/bench/leads-csv.ts` (Node 24: `npx node …`): fills a fresh SQLite file, and PostgreSQL
 * when BENCH_DATABASE_URL or TEST_DATABASE_URL names one, with BENCH_CSV_LEADS leads (100,000), each
 * with a signup touch, then streams the CSV export to nowhere: time, bytes, and the peak RSS and
 * heap while streaming beside the figures before it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leadsCsv } from '../../src/admin/csv/leads-csv.ts';
import { parseDatabaseUrl } from '../../src/db/database-url.ts';
import { openDatabase, type LeadStore } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createPostgresSchema } from '../support/postgres-schema.ts';

const LEADS = Number(process.env.BENCH_CSV_LEADS ?? 100_000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function fill(store: LeadStore): Promise<void> {
  const now = Date.now();
  for (let start = 0; start < LEADS; start += 1_000) {
    await store.write(async (trx) => {
      const ids = await trx
        .insertInto('leads')
        .values(
          Array.from({ length: 1_000 }, (_, i) => ({
            email: `bench-${start + i}@example.com`,
            name: `Lead ${start + i}`,
            status: 'new',
            created_at: now,
            updated_at: now,
          })),
        )
        .returning('id')
        .execute();
      await trx
        .insertInto('touches')
        .values(
          ids.map(({ id }) => ({
            lead_id: id,
            form: 'magnet',
            page: '/articles/speed-to-lead/',
            magnet: 'lead-scoring-worksheet',
            utm_source: 'google',
            utm_medium: 'cpc',
            utm_campaign: 'spring-2026',
            referrer: 'https://www.google.com/',
            first_touch: JSON.stringify({ at: now - 86_400_000, utm_source: 'newsletter' }),
            consent: 1,
            emailed: 1,
            created_at: now,
          })),
        )
        .execute();
    });
  }
}

async function measure(name: string, store: LeadStore): Promise<void> {
  await migrateToLatest(store);
  await fill(store);
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  // Sampled after each chunk: SQLite's reads are synchronous, so a timer would never fire in between.
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const started = performance.now();
  let bytes = 0;
  const reader = leadsCsv(store).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    sample();
  }
  const ms = performance.now() - started;
  console.log(
    `${name}: ${LEADS.toLocaleString('en')} leads, ${mb(bytes)} of CSV in ${(ms / 1000).toFixed(2)} s; RSS ${mb(before.rss)} before, peak ${mb(peakRss)}; heap ${mb(before.heapUsed)} before, peak ${mb(peakHeap)}`,
  );
}

const directory = mkdtempSync(join(tmpdir(), 'lodestone-csv-bench-'));
try {
  const sqlite = openDatabase(parseDatabaseUrl(`file:${join(directory, 'bench.db')}`));
  await measure('SQLite', sqlite);
  await sqlite.close();
} finally {
  rmSync(directory, { recursive: true, force: true });
}
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  const schema = await createPostgresSchema(postgresUrl, 'lodestone_csv_bench');
  const postgres = openDatabase(parseDatabaseUrl(schema.url), { poolSize: 4 });
  try {
    await measure('PostgreSQL', postgres);
  } finally {
    await postgres.close();
    await schema.drop();
  }
}
