import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useAppHarness } from '../../support/app-harness.ts';
import { engines } from '../../support/databases.ts';
import { fetchedUrls } from '../../support/html.ts';
import { HOSTILE, insertFixture, OUTCOMES_CSV } from './overview-fixture.ts';

const PASSWORD = 'overview-password-0123';
const AUTHORIZATION = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;

const decode = (text: string) =>
  text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The body rows of the table marked `data-figures="name"`, each as its cells' text. */
function tableRows(html: string, name: string): string[][] {
  const table = new RegExp(`<table[^>]*data-figures="${name}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1];
  if (table === undefined) throw new Error(`no table ${name}`);
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(table)![1]!;
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
    [...row!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) => decode(cell!)),
  );
}

describe.each(engines)('GET /admin/ on %s', (engine) => {
  const directory = mkdtempSync(join(tmpdir(), 'lodestone-overview-page-'));
  const outcomes = join(directory, 'outcomes.csv');
  writeFileSync(outcomes, OUTCOMES_CSV);
  const app = useAppHarness(engine, { ADMIN_PASSWORD: PASSWORD, OUTCOMES_CSV: outcomes });
  const overview = (query: string, headers: Record<string, string> = { Authorization: AUTHORIZATION }) =>
    fetch(`${app.server.base}/admin/${query}`, { headers });

  beforeAll(async () => {
    const empty = await overview('');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('No leads and no page views in this range yet');
    await insertFixture(app.store);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('asks for the admin password', async () => {
    expect((await overview('', {})).status).toBe(401);
  });

  it('shows every figure of the fixture, worked out by hand', async () => {
    const response = await overview('?from=2025-11-01&to=2025-11-03');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();

    expect(tableRows(html, 'leads-per-day')).toEqual([
      ['2025-11-01', '2'],
      ['2025-11-02', '2'],
      ['2025-11-03', '1'],
    ]);
    // 3 of 60 views of alpha; 1 of 25 and 1 of no views on the variants; 1 of 8 on the magnet page
    expect(tableRows(html, 'article')).toEqual([
      ['/articles/alpha/', '60', '3', '5.0%'],
      ['/articles/beta/', '10', '0', '0.0%'],
    ]);
    expect(tableRows(html, 'magnet')).toEqual([['/magnets/message-match-checklist/', '8', '1', '12.5%']]);
    expect(tableRows(html, 'landing variant')).toEqual([
      ['/lp/lead-scoring/meta-worksheet/', '25', '1', '4.0%'],
      ['/lp/lead-scoring/meta-examples/', '0', '1', '—'],
    ]);
    // The page's default variant first: 1 of 30 and 1 of 20 visitors
    expect(tableRows(html, 'split:lead-scoring')).toEqual([
      ['meta-worksheet', '30', '1', '3.3%'],
      ['meta-examples', '20', '1', '5.0%'],
    ]);
    expect(decode(html)).toContain('meta-examples against meta-worksheet: not enough data yet (each variant needs at least 100 visitors');
    expect(tableRows(html, 'sources')).toEqual([
      ['facebook', 'paid_social', 'lead-scoring-worksheet', '2', '1 (50.0%)', '1 (50.0%)'],
      ['google', 'cpc', 'lead-scoring-worksheet', '2', '2 (100.0%)', '1 (50.0%)'],
      [HOSTILE, '(none)', '(none)', '1', '0 (0.0%)', '0 (0.0%)'],
    ]);
    // No spend in 2025 in the shipped content/spend.csv: cost and return unknown; won revenue 1,000 + 200.50
    expect(tableRows(html, 'returns')).toEqual([['lead-scoring-worksheet', '4', '—', '—', '1,200.50', '—']]);
    expect(decode(/<dl[^>]*data-figures="speed"[^>]*>([\s\S]*?)<\/dl>/.exec(html)![1]!)).toBe(
      'First visit → lead 3 h median, over 4 new leads whose browser kept their first visit ' +
        'Lead → sales-ready 2 h median, over 2 new leads that reached sales-ready ' +
        'Sales-ready → CRM webhook delivered 15 min median, over 3 moves into sales-ready with a delivered webhook',
    );
  });

  it('draws leads per day as an inline SVG with a title, and ships no script for it', async () => {
    const html = await (await overview('?from=2025-11-01&to=2025-11-03')).text();
    expect(html).toMatch(/<svg [^>]*role="img" aria-label="New leads per day, 2025-11-01 to 2025-11-03: 5 in all"/);
    expect(html).toContain('<title>New leads per day, 2025-11-01 to 2025-11-03: 5 in all</title>');
    expect(html).not.toContain('<script');
    expect(fetchedUrls(html).filter((url) => !url.startsWith('/'))).toEqual([]);
  });

  it('escapes what visitors sent', async () => {
    const html = await (await overview('?from=2025-11-01&to=2025-11-03')).text();
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it.each([
    ['?days=14', 'The number of days must be one of 7, 30, 90.'],
    ['?from=2025-13-01&to=2025-11-03', '“From” must be a date written YYYY-MM-DD'],
    ['?from=2025-11-05&to=2025-11-01', '“From” must be on or before “to”.'],
  ])('answers %s with 400 and what to fix', async (query, message) => {
    const response = await overview(query);
    expect(response.status).toBe(400);
    expect(decode(await response.text())).toContain(message);
  });

  it('shows a friendly empty state for a range without data, and the quick ranges', async () => {
    for (const query of ['?from=2020-01-01&to=2020-01-31', '?days=7', '']) {
      const response = await overview(query);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('No leads and no page views in this range yet');
      expect(html).toContain('href="/admin/?days=90"');
    }
  });
});
