import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cursorAfter, LeadSort, listHref, parseLeadListQuery, type LeadListQuery } from '../../src/admin/leads/lead-list-query.ts';
import { attributionValues, listLeads } from '../../src/admin/leads/list-leads.ts';
import type { LeadStore } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/databases.ts';

const T0 = Date.UTC(2026, 10, 1);

/** A subscribed, unconfirmed lead row, not due for scoring. */
const leadRow = (lead: { email: string; name: string | null; status: string; score: number; created_at: number }) => ({
  ...lead,
  updated_at: lead.created_at,
  rescore_at: null,
  confirmed_at: null,
  unsubscribed_at: null,
  suppressed_at: null,
  suppressed_reason: null,
});

/** Seven leads, worked out by hand: id, address, name, status, score, and their touches. */
const FIXTURE = [
  {
    email: 'ann@alpha.example',
    name: 'Ann Archer',
    status: 'new',
    score: 5,
    touches: [{ form: 'magnet', magnet: 'lead-scoring-worksheet', utm_source: 'google', utm_campaign: 'spring' }],
  },
  {
    email: 'bob@beta.example',
    name: 'Bob Baker',
    status: 'marketing-qualified',
    score: 40,
    touches: [{ form: 'landing', landing: 'demo', variant: 'a', utm_source: 'meta', utm_campaign: 'spring' }, { form: 'profile' }],
  },
  {
    email: 'cat@alpha.example',
    name: null,
    status: 'sales-ready',
    score: 80,
    touches: [{ form: 'landing', landing: 'demo', variant: 'b', utm_source: 'google', utm_campaign: 'autumn' }],
  },
  { email: 'dan@delta.example', name: 'Dan 100%_Sure', status: 'new', score: 40, touches: [{ form: 'newsletter' }] },
  {
    email: 'eve@echo.example',
    name: 'Eve Annan',
    status: 'marketing-qualified',
    score: 55,
    touches: [
      { form: 'magnet', magnet: 'checklist', utm_source: 'meta', utm_campaign: 'autumn' },
      { form: 'landing', landing: 'demo', variant: 'a', utm_source: 'google', utm_campaign: 'spring' },
    ],
  },
  { email: 'frank@foxtrot.example', name: 'frank ANNEX', status: 'new', score: -5, touches: [{ form: 'newsletter', utm_source: 'tiktok' }] },
  {
    email: 'gil@golf.example',
    name: 'Gil',
    status: 'sales-ready',
    score: 90,
    touches: [{ form: 'landing', landing: 'demo', variant: 'b', utm_source: 'tiktok', utm_campaign: 'spring' }],
  },
];

describe.each(engines)('the leads list on %s', (engine) => {
  let database: TestDatabase;
  let store: LeadStore;
  /** Lead ids by the first letter of their address: a → 1 … g → 7. */
  const id: Record<string, number> = {};
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = database.open();
    await migrateToLatest(store);
    await store.write(async (trx) => {
      for (const [index, { touches, ...lead }] of FIXTURE.entries()) {
        const created_at = T0 + index * 60_000;
        const { id: leadId } = await trx
          .insertInto('leads')
          .values(leadRow({ ...lead, created_at }))
          .returning('id')
          .executeTakeFirstOrThrow();
        id[lead.email[0]!] = leadId;
        for (const [order, touch] of touches.entries()) {
          await trx
            .insertInto('touches')
            .values({ lead_id: leadId, consent: 1, emailed: 0, created_at: created_at + order * 1000, ...touch })
            .execute();
        }
      }
    });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  const query = (params: Record<string, string>) => parseLeadListQuery(new URLSearchParams(params));
  const emailsOf = async (params: Record<string, string>, perPage?: number) =>
    (await listLeads(store.db, query(params), { perPage })).rows.map((row) => row.email[0]).join('');

  it.each([
    ['everyone, newest first', {}, 'gfedcba'],
    ['a name, any case, anywhere in it', { q: 'ANN' }, 'fea'],
    ['part of an address', { q: 'alpha' }, 'ca'],
    ['a literal % (not a wildcard)', { q: '100%' }, 'd'],
    ['a literal _ (not a wildcard)', { q: '_' }, 'd'],
    ['nobody for an unknown text', { q: 'zzz' }, ''],
    ['a status', { status: 'marketing-qualified' }, 'eb'],
    ['a source on any of the touches', { source: 'google' }, 'eca'],
    ['source and campaign of the same touch only', { source: 'meta', campaign: 'spring' }, 'b'],
    ['a campaign', { campaign: 'autumn' }, 'ec'],
    ['a magnet', { magnet: 'lead-scoring-worksheet' }, 'a'],
    ['a landing page', { landing: 'demo' }, 'gecb'],
    ['a landing page and its variant', { landing: 'demo', variant: 'b' }, 'gc'],
    ['a status and a search together', { status: 'new', q: 'ann' }, 'fa'],
    ['highest score first, newest first among equal scores', { sort: 'score' }, 'gcedbaf'],
    ['an unknown status ignored', { status: 'vip' }, 'gfedcba'],
    ['an unknown sort taken as newest', { sort: 'email' }, 'gfedcba'],
  ])('finds %s', async (_, params, expected) => {
    expect(await emailsOf(params)).toBe(expected);
  });

  it('counts every match beside the page', async () => {
    const page = await listLeads(store.db, query({ landing: 'demo' }), { perPage: 2 });
    expect(page.total).toBe(4);
    expect(page.rows).toHaveLength(2);
    expect(page.more).toBe(true);
  });

  it('counts up to its limit, then says more', async () => {
    expect((await listLeads(store.db, query({}), { countLimit: 3 })).total).toBe(4);
    expect((await listLeads(store.db, query({}), { countLimit: 7 })).total).toBe(7);
    expect((await listLeads(store.db, query({ q: 'alpha' }), { countLimit: 3 })).total).toBe(2);
  });

  it.each([
    [LeadSort.Newest, 3, ['gfe', 'dcb', 'a']],
    [LeadSort.Score, 3, ['gce', 'dba', 'f']],
    // The page ends between the two leads scoring 40: the cursor's id keeps the second one on the next page.
    [LeadSort.Score, 4, ['gced', 'baf']],
  ] as const)('pages through sorted by %s, %i at a time, by keyset', async (sort, perPage, pages) => {
    const seen: string[] = [];
    let params: Record<string, string> = { sort };
    for (;;) {
      const page = await listLeads(store.db, query(params), { perPage });
      seen.push(page.rows.map((row) => row.email[0]).join(''));
      if (!page.more) break;
      params = { sort, after: cursorAfter(page.rows.at(-1)!, sort) };
    }
    expect(seen).toEqual(pages);
  });

  it('keeps a page steady when leads arrive meanwhile', async () => {
    const first = await listLeads(store.db, query({}), { perPage: 3 });
    const cursor = cursorAfter(first.rows.at(-1)!, LeadSort.Newest);
    const arrived = await store.write((trx) =>
      trx
        .insertInto('leads')
        .values(leadRow({ email: 'new@late.example', name: null, status: 'new', score: 0, created_at: T0 + 3_600_000 }))
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    try {
      expect(await emailsOf({ after: cursor }, 3)).toBe('dcb');
    } finally {
      await store.write((trx) => trx.deleteFrom('leads').where('id', '=', arrived.id).execute());
    }
  });

  it('shows the latest signup of each lead, not a profiling answer', async () => {
    const { rows } = await listLeads(store.db, query({ q: 'bob' }));
    expect(rows[0]!.latest).toEqual({ form: 'landing', magnet: null, landing: 'demo', variant: 'a', utm_source: 'meta', utm_campaign: 'spring' });
    expect(rows[0]!.id).toBe(id.b);
  });

  it('offers the sources and campaigns the touches hold, sorted', async () => {
    expect(await attributionValues(store.db)).toEqual({ sources: ['google', 'meta', 'tiktok'], campaigns: ['autumn', 'spring'] });
  });
});

describe('the list’s query string', () => {
  it.each([
    [{}, { sort: 'newest' }],
    [
      { q: '  ann  ', status: 'new', sort: 'score' },
      { q: 'ann', status: 'new', sort: 'score' },
    ],
    [{ status: 'vip', sort: 'x', after: '1;drop table leads' }, { sort: 'newest' }],
    [
      { after: '-5.12', source: '' },
      { sort: 'newest', after: '-5.12' },
    ],
    [{ q: 'x'.repeat(201) }, { sort: 'newest' }],
  ])('reads %j', (params, expected) => {
    const parsed = parseLeadListQuery(new URLSearchParams(params));
    expect(Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined))).toEqual(expected);
  });

  it('writes links that keep the filters and leave out what is empty or default', () => {
    const current: LeadListQuery = { ...parseLeadListQuery(new URLSearchParams({ q: 'a&b', source: 'google', after: '5.1' })) };
    expect(listHref(current, { after: undefined })).toBe('/admin/leads/?q=a%26b&source=google');
    expect(listHref({ sort: LeadSort.Score })).toBe('/admin/leads/?sort=score');
    expect(listHref({ sort: LeadSort.Newest })).toBe('/admin/leads/');
  });
});
