import { describe, expect, it } from 'vitest';
import { leadsCsv, LEADS_CSV_COLUMNS } from '../../src/admin/csv/leads-csv.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { engines, waitFor } from '../support/databases.ts';
import { postSignup, signup } from '../support/signup-client.ts';

const PASSWORD = 'csv-admin-password-0123';
const BASIC = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;

/** A minimal RFC 4180 reader, to read back what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') (row.push(cell), (cell = ''));
    else if (char === '\r' && text[i + 1] === '\n') (row.push(cell), rows.push(row), (row = []), (cell = ''), i++);
    else cell += char;
  }
  return rows;
}
const column = (name: (typeof LEADS_CSV_COLUMNS)[number]) => LEADS_CSV_COLUMNS.indexOf(name);

describe.each(engines)('the leads CSV on %s', (engine) => {
  const app = useAppHarness(engine, { ADMIN_PASSWORD: PASSWORD });
  const download = () => fetch(`${app.server.base}/admin/leads.csv`, { headers: { Authorization: BASIC } });

  it('downloads every lead with first- and last-touch attribution, profiling answers not counted as visits, formulas neutralised', async () => {
    const firstVisit = JSON.stringify({ at: Date.UTC(2026, 10, 1), utm_source: 'google', utm_campaign: '=cmd|calc' });
    await postSignup(app.server.base, signup('csv-a@example.com', { name: '=HYPERLINK("x")', utm_source: 'news', first_touch: firstVisit }));
    await waitFor(() => app.store.db.selectFrom('leads').select('id').where('email', '=', 'csv-a@example.com').executeTakeFirst());
    await postSignup(app.server.base, signup('csv-a@example.com', { utm_source: 'meta', utm_campaign: 'spring, "big"' }));
    const lead = await app.store.db.selectFrom('leads').select('id').where('email', '=', 'csv-a@example.com').executeTakeFirstOrThrow();
    await waitFor(async () => (await app.store.db.selectFrom('touches').select('id').where('lead_id', '=', lead.id).execute()).length === 2);
    // A profiling answer later: not a visit, so not the last touch.
    await app.store.db
      .insertInto('touches')
      .values({ lead_id: lead.id, form: 'profile', utm_source: 'profile-visit', consent: 0, emailed: 0, created_at: Date.now() + 60_000 })
      .execute();
    await postSignup(app.server.base, signup('csv-b@example.com', { name: 'Zoë 日本' }));
    await waitFor(() => app.store.db.selectFrom('leads').select('id').where('email', '=', 'csv-b@example.com').executeTakeFirst());
    // Forms refuse line breaks in a name; data from elsewhere may hold them.
    await app.store.db.updateTable('leads').set({ name: 'Zoë 日本 🚀\r\nsecond line' }).where('email', '=', 'csv-b@example.com').execute();

    const response = await download();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A byte order mark first, so spreadsheets read UTF-8 (the decoder drops it).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual([...LEADS_CSV_COLUMNS]);
    const a = rows.find((row) => row[column('email')] === 'csv-a@example.com')!;
    expect(a[column('name')]).toBe(`'=HYPERLINK("x")`);
    expect(a[column('first_touch_at')]).toBe('2026-11-01T00:00:00.000Z');
    expect(a[column('first_utm_source')]).toBe('google');
    expect(a[column('first_utm_campaign')]).toBe("'=cmd|calc");
    expect(a[column('last_utm_source')]).toBe('meta');
    expect(a[column('last_utm_campaign')]).toBe('spring, "big"');
    expect(a[column('status')]).toBe('new');
    const b = rows.find((row) => row[column('email')] === 'csv-b@example.com')!;
    expect(b[column('name')]).toBe('Zoë 日本 🚀\r\nsecond line');
    // Without a first visit on record, the first signup is the first touch.
    expect(b[column('first_touch_at')]).toBe(b[column('last_touch_at')]);
  });

  it('refuses the export without the password', async () => {
    expect((await fetch(`${app.server.base}/admin/leads.csv`)).status).toBe(401);
  });

  it('streams thousands of leads one page per query, reading the next page only when the reader asks', async () => {
    const total = 3_000;
    const now = Date.now();
    const existing = (await app.store.db.selectFrom('leads').select('id').execute()).length;
    for (let start = 0; start < total; start += 500) {
      const leads = await app.store.db
        .insertInto('leads')
        .values(
          Array.from({ length: 500 }, (_, i) => ({
            email: `bulk-${start + i}@example.com`,
            name: null,
            status: 'new',
            created_at: now,
            updated_at: now,
          })),
        )
        .returning('id')
        .execute();
      await app.store.db
        .insertInto('touches')
        .values(leads.map(({ id }) => ({ lead_id: id, form: 'newsletter', utm_source: '+bulk', consent: 1, emailed: 0, created_at: now })))
        .execute();
    }
    const pages: number[] = [];
    const stream = leadsCsv(app.store, { pageSize: 250, onPage: (count) => pages.push(count) });
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    text += decoder.decode((await reader.read()).value);
    // Two reads: the header, then one page; a moment later still nothing more was fetched ahead of the reader.
    await new Promise((done) => setTimeout(done, 200));
    expect(pages).toEqual([250]);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(Math.max(...pages)).toBe(250);
    expect(pages.reduce((sum, count) => sum + count, 0)).toBe(total + existing);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(total + existing + 1);
    expect(rows[0]).toEqual([...LEADS_CSV_COLUMNS]);
    expect(new Set(rows.slice(1).map((row) => row[0])).size).toBe(total + existing);
    expect(rows.filter((row) => row[column('last_utm_source')] === "'+bulk")).toHaveLength(total);

    // Over HTTP too, all of them.
    const downloaded = parseCsv(await (await download()).text());
    expect(downloaded).toHaveLength(total + existing + 1);
  });
});
