import { sql } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import { markDueForScoring } from '../leads/rescore.ts';
import { dayOf, DAY_MS } from '../scoring/lead-events.ts';
import type { KnownPage } from './page-index.ts';

/**
 * Counts one view of a known page: always in the anonymous count of its UTC day, and with `leadId`
 * also as a view of that lead, which leaves it due for scoring. A lead that is gone (erased) or
 * unsubscribed gets no view. Resolves whether the view was tied to the lead.
 *
 * Not durable: a view lost in a power cut changes a count by one, and nobody was promised anything.
 */
export function recordPageView(store: LeadStore, page: KnownPage, leadId: number | undefined, now: number): Promise<boolean> {
  return store.write(
    async (trx) => {
      await trx
        .insertInto('page_view_counts')
        .values({ path: page.path, day: dayOf(now) * DAY_MS, views: 1 })
        .onConflict((conflict) => conflict.columns(['path', 'day']).doUpdateSet({ views: sql`page_view_counts.views + 1` }))
        .execute();
      if (leadId === undefined) return false;
      const lead = await trx.selectFrom('leads').select('id').where('id', '=', leadId).where('unsubscribed_at', 'is', null).executeTakeFirst();
      if (!lead) return false;
      await trx
        .insertInto('page_views')
        .values({ lead_id: leadId, path: page.path, tags: page.tags.length ? JSON.stringify(page.tags) : null, created_at: now })
        .execute();
      await markDueForScoring(trx, leadId, now);
      return true;
    },
    { durable: false },
  );
}
