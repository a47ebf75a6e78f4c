import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOfDate } from '../../../src/admin/overview/date-range.ts';
import { loadOverview, type Overview } from '../../../src/admin/overview/load-overview.ts';
import { engines, useMigratedStore } from '../../support/databases.ts';
import { FIXTURE_RANGE, HOSTILE, insertFixture, OUTCOMES_CSV, SPEND_CSV } from './overview-fixture.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(engines)('the overview’s figures on %s', (engine) => {
  const store = useMigratedStore(engine);
  const directory = mkdtempSync(join(tmpdir(), 'lodestone-overview-'));
  let overview: Overview;
  beforeAll(async () => {
    await insertFixture(store());
    writeFileSync(join(directory, 'spend.csv'), SPEND_CSV);
    writeFileSync(join(directory, 'outcomes.csv'), OUTCOMES_CSV);
    overview = await loadOverview(store(), FIXTURE_RANGE, {
      spendFile: join(directory, 'spend.csv'),
      outcomesFile: join(directory, 'outcomes.csv'),
      referenceVariants: new Map([['lead-scoring', 'meta-worksheet']]),
    });
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('counts new leads per UTC day, every day of the range present, the midnight after it excluded', () => {
    // a and b on the 1st, c and d on the 2nd, e on the 3rd; f (31 Oct) and g (4 Nov, 00:00) outside.
    expect(overview.perDay).toEqual([
      { day: dayOfDate('2025-11-01'), leads: 2 },
      { day: dayOfDate('2025-11-02'), leads: 2 },
      { day: dayOfDate('2025-11-03'), leads: 1 },
    ]);
    expect(overview.totalLeads).toBe(5);
  });

  it('puts views and distinct leads side by side per page', () => {
    expect(overview.pages.map(({ path, kind, views, leads }) => `${kind} ${path} ${views} ${leads}`)).toEqual([
      // 40 + 20 views (not the 1,000 of 31 Oct); a, b and e's second signup (f and g are outside)
      'article /articles/alpha/ 60 3',
      'landing variant /lp/lead-scoring/meta-worksheet/ 25 1',
      'magnet /magnets/message-match-checklist/ 8 1',
      'landing variant /lp/lead-scoring/meta-examples/ 0 1',
      'article /articles/beta/ 10 0',
    ]);
  });

  it('sets a split’s variants side by side, the default one first, and says there is not enough data yet', () => {
    expect(overview.splits).toHaveLength(1);
    const [split] = overview.splits;
    expect(split!.arms.map(({ variant, assignments, leads }) => `${variant} ${assignments} ${leads}`)).toEqual([
      'meta-worksheet 30 1',
      'meta-examples 20 1',
    ]);
    expect(split!.verdicts).toEqual([
      { variant: 'meta-examples', against: 'meta-worksheet', verdict: expect.objectContaining({ kind: 'not-enough-data' }) },
    ]);
  });

  it('counts each new lead once for the UTM tags of its first signup, with who reached marketing-qualified and sales-ready, most leads first', () => {
    expect(overview.sources).toEqual([
      // c (new) and d (reached sales-ready, now back at marketing-qualified)
      {
        source: 'facebook',
        medium: 'paid_social',
        campaign: 'lead-scoring-worksheet',
        leads: 2,
        marketingQualified: 1,
        salesReady: 1,
        fromAds: 0,
        adsQualified: 0,
      },
      // a (sales-ready) and b (marketing-qualified)
      {
        source: 'google',
        medium: 'cpc',
        campaign: 'lead-scoring-worksheet',
        leads: 2,
        marketingQualified: 2,
        salesReady: 1,
        fromAds: 0,
        adsQualified: 0,
      },
      // e, whose later signup through Google does not move it
      { source: HOSTILE, medium: null, campaign: null, leads: 1, marketingQualified: 0, salesReady: 0, fromAds: 0, adsQualified: 0 },
    ]);
    // No lead came through a platform's lead form: every lead of the campaign is the site's.
    expect(overview.adsVersusSite).toEqual([{ campaign: 'lead-scoring-worksheet', adLeads: 0, adQualified: 0, siteLeads: 4, siteQualified: 3 }]);
  });

  it('works out cost per lead and return on ad spend per campaign, unknown where nothing was spent', () => {
    expect(overview.campaigns).toEqual([
      // 4 leads; spend 50 + 30 = 80 (not the 999 of 4 Nov) → 20 a lead; won a 1,000 + d 200.50 (not g, after the range) → 1,200.50 / 80
      { campaign: 'lead-scoring-worksheet', leads: 4, spend: 80, costPerLead: 20, revenue: 1200.5, returnOnAdSpend: 15.00625 },
      // paid for, nothing brought in yet
      { campaign: 'scoring-review', leads: 0, spend: 25.5, costPerLead: undefined, revenue: 0, returnOnAdSpend: 0 },
    ]);
    expect(overview.problems).toEqual([]);
  });

  it('gives the medians of speed to lead', () => {
    expect(overview.speed).toEqual({
      // first visit → signup: a 2 h, b 4 h, d 30 min, e 10 h (c kept none) → (2 h + 4 h) / 2
      visitToLead: { median: 3 * HOUR, count: 4 },
      // signup → sales-ready: a 3 h, d 1 h → (3 h + 1 h) / 2
      leadToSalesReady: { median: 2 * HOUR, count: 2 },
      // moves into sales-ready in the range → first webhook sent after: a 5 min (the pending row and the email ignored), d 15 min, f 20 min
      salesReadyToCrm: { median: 15 * MINUTE, count: 3 },
    });
  });
});

describe.each(engines)('the overview of an empty database on %s', (engine) => {
  const store = useMigratedStore(engine);

  it('has zeros and unknowns, and no error', async () => {
    const overview = await loadOverview(store(), FIXTURE_RANGE, { spendFile: '/nonexistent/spend.csv' });
    expect(overview.totalLeads).toBe(0);
    expect(overview.perDay.map((day) => day.leads)).toEqual([0, 0, 0]);
    expect([overview.pages, overview.splits, overview.sources, overview.adsVersusSite, overview.campaigns, overview.problems]).toEqual([
      [],
      [],
      [],
      [],
      [],
      [],
    ]);
    expect(overview.speed.visitToLead).toEqual({ median: undefined, count: 0 });
  });
});
