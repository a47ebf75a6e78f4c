import { sql } from 'kysely';
import type { LeadStore } from '../../db/database.ts';
import { adsVersusSite, type AdsVersusSite } from './ads-versus-site.ts';
import type { DayRange } from './date-range.ts';
import { campaignReturns, type CampaignReturns } from './returns.ts';
import { splitVerdict, type SplitVerdict } from './significance.ts';
import { campaignsOfLeads, sourceQuality, type SourceQuality } from './source-queries.ts';
import { loadSpend, spendByCampaign, SPEND_FILE } from './spend.ts';
import { speedToLead, type SpeedToLead } from './speed-queries.ts';
import { leadsPerDay, pageConversions, splitArms, type PageConversion, type SplitArm } from './traffic-queries.ts';
import { loadWonRevenue } from './won-revenue.ts';

export interface SplitTest {
  landing: string;
  arms: SplitArm[];
  /** Each variant after the first against the first (the one the split is compared with). */
  verdicts: { variant: string; against: string; verdict: SplitVerdict }[];
}

export interface Overview {
  range: DayRange;
  totalLeads: number;
  perDay: { day: number; leads: number }[];
  pages: PageConversion[];
  splits: SplitTest[];
  sources: SourceQuality[];
  /** Per campaign, leads from lead ads beside leads from the site. */
  adsVersusSite: AdsVersusSite[];
  campaigns: CampaignReturns[];
  speed: SpeedToLead;
  /** Why spend or revenue is not shown: a bad line in the spend or outcomes file. */
  problems: string[];
}

export interface OverviewSources {
  spendFile?: string;
  /** OUTCOMES_CSV: the CRM's outcomes with revenue; without it revenue is unknown. */
  outcomesFile?: string;
  /** The variant each landing page is compared against (its `default_variant`), by landing slug. */
  referenceVariants?: ReadonlyMap<string, string>;
}

/**
 * Runs the overview's reads. On PostgreSQL they share one transaction without JIT compilation: the
 * planner's cost estimates for 100k leads cross its JIT threshold, and compiling takes longer than
 * these short queries run.
 */
export function readForOverview<T>(store: LeadStore, read: (store: LeadStore) => Promise<T>): Promise<T> {
  if (store.engine !== 'postgres') return read(store);
  return store.db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    return read({ ...store, db: trx });
  });
}

/** Every figure of the overview for one range of days. */
export function loadOverview(store: LeadStore, range: DayRange, sources: OverviewSources = {}): Promise<Overview> {
  return readForOverview(store, (reader) => gatherOverview(reader, range, sources));
}

async function gatherOverview(store: LeadStore, range: DayRange, sources: OverviewSources): Promise<Overview> {
  const [perDay, pages, arms, sourceRows, speed, spend, won] = await Promise.all([
    leadsPerDay(store, range),
    pageConversions(store, range),
    splitArms(store, range),
    sourceQuality(store, range),
    speedToLead(store, range),
    loadSpend(sources.spendFile ?? SPEND_FILE),
    sources.outcomesFile ? loadWonRevenue(sources.outcomesFile) : undefined,
  ]);
  const problems = [...(spend.ok ? [] : spend.problems), ...(won && !won.ok ? won.problems : [])];
  return {
    range,
    totalLeads: perDay.reduce((sum, day) => sum + day.leads, 0),
    perDay,
    pages,
    splits: splitTests(arms, sources.referenceVariants),
    sources: sourceRows,
    adsVersusSite: adsVersusSite(sourceRows),
    campaigns: await campaignFigures(
      store,
      range,
      sourceRows,
      spend.ok ? spendByCampaign(spend.rows, range) : undefined,
      won?.ok ? won.revenue : undefined,
    ),
    speed,
    problems,
  };
}

function splitTests(arms: readonly SplitArm[], references: ReadonlyMap<string, string> = new Map()): SplitTest[] {
  const byLanding = Map.groupBy(arms, (arm) => arm.landing);
  return [...byLanding].map(([landing, landingArms]) => {
    const reference = landingArms.find((arm) => arm.variant === references.get(landing)) ?? landingArms[0]!;
    const ordered = [reference, ...landingArms.filter((arm) => arm !== reference)];
    return {
      landing,
      arms: ordered,
      verdicts: ordered.slice(1).map((arm) => ({
        variant: arm.variant,
        against: reference.variant,
        verdict: splitVerdict({ visitors: arm.assignments, leads: arm.leads }, { visitors: reference.assignments, leads: reference.leads }),
      })),
    };
  });
}

/** Leads, spend and won revenue per utm_campaign: every campaign with leads or spend in the range. */
async function campaignFigures(
  store: LeadStore,
  range: DayRange,
  sources: readonly SourceQuality[],
  spend: Map<string, number> | undefined,
  revenueByEmail: Map<string, number> | undefined,
): Promise<CampaignReturns[]> {
  const leads = new Map<string, number>();
  for (const row of sources) if (row.campaign !== null) leads.set(row.campaign, (leads.get(row.campaign) ?? 0) + row.leads);
  let revenue: Map<string, number> | undefined;
  if (revenueByEmail) {
    revenue = new Map();
    const campaigns = await campaignsOfLeads(store, range, [...revenueByEmail.keys()]);
    for (const [email, campaign] of campaigns) {
      if (campaign !== null) revenue.set(campaign, (revenue.get(campaign) ?? 0) + revenueByEmail.get(email)!);
    }
  }
  const names = [...new Set([...leads.keys(), ...(spend?.keys() ?? [])])].sort();
  return names.map((campaign) =>
    campaignReturns({
      campaign,
      leads: leads.get(campaign) ?? 0,
      spend: spend?.get(campaign),
      revenue: revenue ? (revenue.get(campaign) ?? 0) : undefined,
    }),
  );
}
