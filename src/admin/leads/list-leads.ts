import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { PROFILE_FORM } from '../../leads/profiling.ts';
import { LEADS_PER_PAGE, LeadSort, type LeadListQuery } from './lead-list-query.ts';

/** One row of the leads list: the lead and where its latest signup came from. */
export interface LeadListRow {
  id: number;
  email: string;
  name: string | null;
  status: string;
  score: number;
  created_at: number;
  unsubscribed_at: number | null;
  suppressed_at: number | null;
  /** The latest signup touch (profiling answers are not signups); null for a lead with none left. */
  latest: {
    form: string;
    magnet: string | null;
    landing: string | null;
    variant: string | null;
    utm_source: string | null;
    utm_campaign: string | null;
  } | null;
}

/** The list counts matching leads up to this many and says "more than" past it, so a broad filter on a large store costs a bounded count. */
export const COUNT_LIMIT = 10_000;

export interface LeadListPage {
  rows: LeadListRow[];
  /** Leads matching the search and filters, over every page, up to the count limit + 1 (meaning "more than the limit"). */
  total: number;
  /** Whether another page follows this one. */
  more: boolean;
}

/** `value` for a LIKE pattern that matches it literally anywhere: `%`, `_` and `\` escaped. */
const containing = (value: string) => `%${value.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

const TOUCH_FILTERS = { source: 'utm_source', campaign: 'utm_campaign', magnet: 'magnet', landing: 'landing', variant: 'variant' } as const;

/**
 * One page of the leads list. Paged by keyset (the last row's sort key and id), not by offset: a
 * page costs the same at the end of 100k leads as at the start, and leads arriving meanwhile do not
 * shift the next page by one. Touch filters combine within one touch (source and campaign of the
 * same signup), so "landing A, variant b" means the variant of that landing page.
 */
export async function listLeads(
  db: Kysely<Database>,
  query: LeadListQuery,
  { perPage = LEADS_PER_PAGE, countLimit = COUNT_LIMIT } = {},
): Promise<LeadListPage> {
  let filtered = db.selectFrom('leads');
  if (query.q) {
    const pattern = containing(query.q);
    filtered = filtered.where(({ or }) =>
      or([sql<boolean>`leads.email like ${pattern} escape '\\'`, sql<boolean>`lower(leads.name) like ${pattern} escape '\\'`]),
    );
  }
  if (query.status) filtered = filtered.where('leads.status', '=', query.status);
  const touchFilters = Object.entries(TOUCH_FILTERS).filter(([param]) => query[param as keyof typeof TOUCH_FILTERS] !== undefined);
  if (touchFilters.length) {
    filtered = filtered.where(({ exists, selectFrom }) => {
      let touches = selectFrom('touches')
        .select(sql`1`.as('one'))
        .whereRef('touches.lead_id', '=', 'leads.id');
      for (const [param, column] of touchFilters) touches = touches.where(`touches.${column}`, '=', query[param as keyof typeof TOUCH_FILTERS]!);
      return exists(touches);
    });
  }

  const { total } = await db
    .selectFrom(
      filtered
        .select('leads.id')
        .limit(countLimit + 1)
        .as('matching'),
    )
    .select(({ fn }) => fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();

  const key = query.sort === LeadSort.Score ? 'leads.score' : 'leads.created_at';
  let page = filtered
    .select([
      'leads.id',
      'leads.email',
      'leads.name',
      'leads.status',
      'leads.score',
      'leads.created_at',
      'leads.unsubscribed_at',
      'leads.suppressed_at',
    ])
    .orderBy(key, 'desc')
    .orderBy('leads.id', 'desc')
    .limit(perPage + 1);
  if (query.after) {
    const [after, id] = query.after.split('.').map(Number) as [number, number];
    page = page.where(({ or, and, eb }) => or([eb(key, '<', after), and([eb(key, '=', after), eb('leads.id', '<', id)])]));
  }
  const leads = await page.execute();
  const shown = leads.slice(0, perPage);
  const latest = await latestSignups(
    db,
    shown.map((lead) => lead.id),
  );
  return {
    rows: shown.map((lead) => ({ ...lead, latest: latest.get(lead.id) ?? null })),
    total: Number(total),
    more: leads.length > perPage,
  };
}

/** The latest signup touch of each lead in `ids`. */
async function latestSignups(db: Kysely<Database>, ids: number[]): Promise<Map<number, NonNullable<LeadListRow['latest']>>> {
  const latest = new Map<number, NonNullable<LeadListRow['latest']>>();
  if (ids.length === 0) return latest;
  const touches = await db
    .selectFrom('touches')
    .select(['lead_id', 'form', 'magnet', 'landing', 'variant', 'utm_source', 'utm_campaign'])
    .where('lead_id', 'in', ids)
    .where('form', '!=', PROFILE_FORM)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const { lead_id, ...touch } of touches) latest.set(lead_id, touch);
  return latest;
}

/** The `utm_source` and `utm_campaign` values the touches hold, for the list's filter menus (at most 200 each). */
export async function attributionValues(db: Kysely<Database>): Promise<{ sources: string[]; campaigns: string[] }> {
  const values = async (column: 'utm_source' | 'utm_campaign') =>
    (await db.selectFrom('touches').select(column).distinct().where(column, 'is not', null).orderBy(column).limit(200).execute()).map(
      (row) => row[column]!,
    );
  return { sources: await values('utm_source'), campaigns: await values('utm_campaign') };
}
