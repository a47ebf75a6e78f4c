import { sql } from 'kysely';
import type { LeadStore } from '../../db/database.ts';
import { DAY_MS } from '../../scoring/lead-events.ts';
import { rangeMs, type DayRange } from './date-range.ts';

/** New leads per UTC day of the range, every day present (zero when none). */
export async function leadsPerDay(store: LeadStore, range: DayRange): Promise<{ day: number; leads: number }[]> {
  const { start, end } = rangeMs(range);
  const day = sql<number>`created_at / ${sql.lit(DAY_MS)}`;
  const rows = await store.db
    .selectFrom('leads')
    .select([day.as('day'), (eb) => eb.fn.countAll<number>().as('leads')])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .groupBy(day)
    .execute();
  const counts = new Map(rows.map((row) => [Number(row.day), Number(row.leads)]));
  return Array.from({ length: range.toDay - range.fromDay + 1 }, (_, index) => {
    const at = range.fromDay + index;
    return { day: at, leads: counts.get(at) ?? 0 };
  });
}

/** What a counted page is, by its path: where the site serves articles, magnets and landing variants. */
export type PageKind = 'article' | 'magnet' | 'landing variant' | 'other';

export function pageKind(path: string): PageKind {
  if (/^\/articles\/[^/]+\/$/.test(path)) return 'article';
  if (/^\/magnets\/[^/]+\/$/.test(path)) return 'magnet';
  if (/^\/lp\/[^/]+\/[^/]+\/$/.test(path)) return 'landing variant';
  return 'other';
}

export interface PageConversion {
  path: string;
  kind: PageKind;
  views: number;
  /** Distinct leads who signed up through a form on the page in the range. */
  leads: number;
}

/**
 * Views (the beacon's anonymous daily counts) and leads (distinct leads with a touch whose form was
 * on the page) per page over the range; a page with neither is left out.
 */
export async function pageConversions(store: LeadStore, range: DayRange): Promise<PageConversion[]> {
  const { start, end } = rangeMs(range);
  const [views, leads] = await Promise.all([
    store.db
      .selectFrom('page_view_counts')
      .select(['path', (eb) => eb.fn.sum<number>('views').as('views')])
      .where('day', '>=', start)
      .where('day', '<', end)
      .groupBy('path')
      .execute(),
    store.db
      .selectFrom('touches')
      .select(['page', (eb) => eb.fn.count<number>('lead_id').distinct().as('leads')])
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .where('page', 'is not', null)
      .groupBy('page')
      .execute(),
  ]);
  const pages = new Map<string, PageConversion>();
  const pageOf = (path: string) => pages.get(path) ?? pages.set(path, { path, kind: pageKind(path), views: 0, leads: 0 }).get(path)!;
  for (const row of views) pageOf(row.path).views = Number(row.views);
  for (const row of leads) pageOf(row.page!).leads = Number(row.leads);
  return [...pages.values()].sort((a, b) => b.leads - a.leads || b.views - a.views || a.path.localeCompare(b.path));
}

export interface SplitArm {
  landing: string;
  variant: string;
  /** Visitors the landing page's split sent to the variant in the range. */
  assignments: number;
  /** Distinct leads with a touch on the variant in the range. */
  leads: number;
}

/** Per landing page that split traffic in the range, each variant's assignments and leads. */
export async function splitArms(store: LeadStore, range: DayRange): Promise<SplitArm[]> {
  const { start, end } = rangeMs(range);
  const [assigned, converted] = await Promise.all([
    store.db
      .selectFrom('variant_assignments')
      .select(['landing', 'variant', (eb) => eb.fn.countAll<number>().as('assignments')])
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .groupBy(['landing', 'variant'])
      .execute(),
    store.db
      .selectFrom('touches')
      .select(['landing', 'variant', (eb) => eb.fn.count<number>('lead_id').distinct().as('leads')])
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .where('landing', 'is not', null)
      .where('variant', 'is not', null)
      .groupBy(['landing', 'variant'])
      .execute(),
  ]);
  const split = new Set(assigned.map((row) => row.landing));
  const arms = new Map<string, SplitArm>();
  const armOf = (landing: string, variant: string) =>
    arms.get(`${landing}\n${variant}`) ??
    arms.set(`${landing}\n${variant}`, { landing, variant, assignments: 0, leads: 0 }).get(`${landing}\n${variant}`)!;
  for (const row of assigned) armOf(row.landing, row.variant).assignments = Number(row.assignments);
  // Leads of a variant the split never chose (one with ads of its own only) are no arm of the split.
  for (const row of converted)
    if (split.has(row.landing!) && arms.has(`${row.landing}\n${row.variant}`)) armOf(row.landing!, row.variant!).leads = Number(row.leads);
  return [...arms.values()].sort((a, b) => a.landing.localeCompare(b.landing) || a.variant.localeCompare(b.variant));
}
