import { sql, type RawBuilder } from 'kysely';
import type { LeadStore } from '../../db/database.ts';
import { LEAD_AD_FORM } from '../../lead-ads/map-ad-lead.ts';
import { LeadStatus } from '../../leads/lead-status.ts';
import { rangeMs, type DayRange } from './date-range.ts';

/**
 * Joins `t`, the touch that made lead `l` a lead: its first signup. Its UTM tags are those of the
 * visit that signup happened in (the last touch before the signup), so a lead counts once, for what
 * brought it in. PostgreSQL reads it through a lateral join (its planner would hash every touch for
 * the correlated form); SQLite looks up the smallest id per lead.
 */
export function joinAcquisitionTouch(store: LeadStore): RawBuilder<unknown> {
  return store.engine === 'postgres'
    ? sql`cross join lateral (select ft.id, ft.form, ft.utm_source, ft.utm_medium, ft.utm_campaign, ft.first_touch from touches as ft where ft.lead_id = l.id order by ft.id limit 1) as t`
    : sql`join touches as t on t.id = (select min(ft.id) from touches as ft where ft.lead_id = l.id)`;
}

/** A lead that ever reached one of these statuses: now, or in its recorded moves. */
const reached = (statuses: readonly string[]) =>
  sql<number>`case when l.status in (${sql.join(statuses)}) or exists (
    select 1 from qualification_changes as q where q.lead_id = l.id and q.to_status in (${sql.join(statuses)})
  ) then 1 else 0 end`;

export interface SourceQuality {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  leads: number;
  /** Leads that reached marketing-qualified (or went straight past it to sales-ready). */
  marketingQualified: number;
  salesReady: number;
  /** Of the leads, those whose first signup was a platform's lead form (Meta, TikTok), and how many of them reached marketing-qualified. */
  fromAds: number;
  adsQualified: number;
}

/** Leads created in the range by the UTM source, medium and campaign of their first signup, with how many reached each status. */
export async function sourceQuality(store: LeadStore, range: DayRange): Promise<SourceQuality[]> {
  const { start, end } = rangeMs(range);
  const { rows } = await sql<SourceQuality>`
    select t.utm_source as source, t.utm_medium as medium, t.utm_campaign as campaign, count(*) as leads,
      sum(${reached([LeadStatus.MarketingQualified, LeadStatus.SalesReady])}) as "marketingQualified",
      sum(${reached([LeadStatus.SalesReady])}) as "salesReady",
      sum(case when t.form = ${LEAD_AD_FORM} then 1 else 0 end) as "fromAds",
      sum(case when t.form = ${LEAD_AD_FORM} then ${reached([LeadStatus.MarketingQualified, LeadStatus.SalesReady])} else 0 end) as "adsQualified"
    from leads as l
    ${joinAcquisitionTouch(store)}
    where l.created_at >= ${start} and l.created_at < ${end}
    group by t.utm_source, t.utm_medium, t.utm_campaign
    order by count(*) desc, t.utm_source, t.utm_medium, t.utm_campaign`.execute(store.db);
  return rows.map((row) => ({
    ...row,
    leads: Number(row.leads),
    marketingQualified: Number(row.marketingQualified),
    salesReady: Number(row.salesReady),
    fromAds: Number(row.fromAds),
    adsQualified: Number(row.adsQualified),
  }));
}

/** Of these addresses, those of leads created in the range, with the utm_campaign of their first signup. */
export async function campaignsOfLeads(store: LeadStore, range: DayRange, emails: readonly string[]): Promise<Map<string, string | null>> {
  const { start, end } = rangeMs(range);
  const campaigns = new Map<string, string | null>();
  // In chunks: a parameter list stays well under both engines' limits.
  for (let from = 0; from < emails.length; from += 500) {
    const chunk = emails.slice(from, from + 500);
    const { rows } = await sql<{ email: string; campaign: string | null }>`
      select l.email, t.utm_campaign as campaign
      from leads as l ${joinAcquisitionTouch(store)}
      where l.email in (${sql.join(chunk)}) and l.created_at >= ${start} and l.created_at < ${end}`.execute(store.db);
    for (const row of rows) campaigns.set(row.email, row.campaign);
  }
  return campaigns;
}
