import type { Insertable, Transaction } from 'kysely';
import type { Database, OutboxTable } from '../db/schema.ts';
import { LeadStatus } from '../leads/lead-status.ts';
import { OutboxKind } from '../outbox/outbox-kind.ts';
import { OutboxStatus } from '../outbox/outbox-status.ts';
import { CONVERSION_EVENTS, conversionEventId, metaConversionBody, tiktokConversionBody, type Conversion } from './conversion-events.ts';
import type { LeadAdsSettings } from './lead-ads-env.ts';

/** The outbox templates of conversion rows: where the row's body goes. */
export const ConversionTemplate = {
  Meta: 'meta-conversion',
  TikTok: 'tiktok-conversion',
} as const;

/** A move of a lead's status, as the qualifier records it. */
export interface StatusMove {
  leadId: number;
  from: string;
  to: string;
  at: number;
}

/** The statuses to report for a move: a lead that went straight to sales-ready passed marketing-qualified too, and the platforms want every stage. */
export function reportedStatuses(move: StatusMove): string[] {
  if (move.to === LeadStatus.SalesReady && move.from === LeadStatus.New) return [LeadStatus.MarketingQualified, LeadStatus.SalesReady];
  return CONVERSION_EVENTS[move.to] ? [move.to] : [];
}

/**
 * Queues a conversion for each platform that knows the lead, in the qualifier's transaction: Meta
 * for a lead from a Meta lead ad or a site lead with a `fbclid`, TikTok likewise with `ttclid`, each
 * only when configured. Rows are keyed by platform and event id, so the same move queued twice (a
 * lead scored again, two processes) is one row, sent once. Returns how many rows were written.
 */
export async function enqueueConversions(trx: Transaction<Database>, move: StatusMove, settings: LeadAdsSettings): Promise<number> {
  const statuses = reportedStatuses(move);
  const metaOn = settings.meta.pixelId !== undefined;
  const tiktokOn = settings.tiktok.eventSourceId !== undefined;
  if (statuses.length === 0 || (!metaOn && !tiktokOn)) return 0;
  const lead = await trx.selectFrom('leads').select('email').where('id', '=', move.leadId).executeTakeFirst();
  if (!lead) return 0;
  const adLeads = await trx.selectFrom('ad_leads').select(['platform', 'platform_lead_id']).where('lead_id', '=', move.leadId).execute();
  const clicks = await trx
    .selectFrom('touches')
    .select(['fbclid', 'ttclid', 'created_at'])
    .where('lead_id', '=', move.leadId)
    .where((eb) => eb.or([eb('fbclid', 'is not', null), eb('ttclid', 'is not', null)]))
    .orderBy('id', 'desc')
    .execute();
  const metaLead = adLeads.find((row) => row.platform === 'meta')?.platform_lead_id;
  const tiktokLead = adLeads.find((row) => row.platform === 'tiktok')?.platform_lead_id;
  const fbclid = clicks.find((touch) => touch.fbclid);
  const ttclid = clicks.find((touch) => touch.ttclid);
  const rows: Insertable<OutboxTable>[] = [];
  const row = (template: string, eventId: string, payload: string): Insertable<OutboxTable> => ({
    kind: OutboxKind.Conversion,
    lead_id: move.leadId,
    template,
    payload,
    idempotency_key: `${template}:${eventId}`,
    status: OutboxStatus.Pending,
    attempts: 0,
    next_attempt_at: move.at,
    created_at: move.at,
  });
  for (const status of statuses) {
    const eventId = conversionEventId(status, move.leadId);
    const base: Conversion = { eventId, eventName: CONVERSION_EVENTS[status]!, at: move.at, email: lead.email };
    if (metaOn && (metaLead || fbclid)) {
      const conversion = metaLead ? { ...base, platformLeadId: metaLead } : { ...base, clickId: fbclid!.fbclid!, clickAt: fbclid!.created_at };
      rows.push(row(ConversionTemplate.Meta, eventId, metaConversionBody(conversion)));
    }
    if (tiktokOn && (tiktokLead || ttclid)) {
      const conversion = tiktokLead ? { ...base, platformLeadId: tiktokLead } : { ...base, clickId: ttclid!.ttclid!, clickAt: ttclid!.created_at };
      rows.push(row(ConversionTemplate.TikTok, eventId, tiktokConversionBody(conversion, settings.tiktok.eventSourceId!)));
    }
  }
  if (rows.length === 0) return 0;
  const written = await trx
    .insertInto('outbox')
    .values(rows)
    .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
    .returning('id')
    .execute();
  return written.length;
}
