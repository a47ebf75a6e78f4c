import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { FieldValues } from '../leads/form-fields.ts';
import type { LeadEvent } from './lead-events.ts';
import type { LeadFacts } from './score-lead.ts';

/** A lead as the qualifier claims it. */
export interface ScoredLead {
  id: number;
  email: string;
  status: string;
  score: number;
}

/** What the stored events mean: which landing pages request a consultation. */
export interface FactSources {
  consultations: ReadonlySet<string>;
}

/**
 * Reads what scoring needs of each lead, four queries for the whole batch: the answers of its
 * touches (the latest answer per field wins), consultation requests, magnet downloads, clicks in
 * the emails it was sent, and the pages it viewed (with the tags the view row keeps: no content is read).
 */
export async function loadLeadFacts(
  trx: Transaction<Database>,
  leads: readonly ScoredLead[],
  sources: FactSources,
): Promise<Map<number, LeadFacts & { lastActivityAt: number }>> {
  const ids = leads.map((lead) => lead.id);
  const facts = new Map(
    leads.map((lead) => [lead.id, { email: lead.email, answers: {} as FieldValues, events: [] as LeadEvent[], lastActivityAt: 0 }]),
  );
  const touches = await trx
    .selectFrom('touches')
    .select(['lead_id', 'landing', 'fields', 'created_at'])
    .where('lead_id', 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const touch of touches) {
    const lead = facts.get(touch.lead_id)!;
    if (touch.fields) Object.assign(lead.answers, JSON.parse(touch.fields) as FieldValues);
    if (touch.landing && sources.consultations.has(touch.landing)) lead.events.push({ type: 'consultation', at: touch.created_at });
    lead.lastActivityAt = Math.max(lead.lastActivityAt, touch.created_at);
  }
  const downloads = await trx.selectFrom('downloads').select(['lead_id', 'magnet', 'created_at']).where('lead_id', 'in', ids).execute();
  for (const download of downloads)
    facts.get(download.lead_id)!.events.push({ type: 'magnet_download', at: download.created_at, magnet: download.magnet });
  const clicks = await trx
    .selectFrom('email_events')
    .leftJoin('outbox', 'outbox.id', 'email_events.outbox_id')
    .select(['email_events.lead_id', 'email_events.created_at', 'outbox.template'])
    .where('email_events.type', '=', 'clicked')
    .where('email_events.lead_id', 'in', ids)
    .execute();
  for (const click of clicks)
    facts.get(click.lead_id!)!.events.push({ type: 'email_click', at: click.created_at, template: click.template ?? undefined });
  const views = await trx.selectFrom('page_views').select(['lead_id', 'path', 'tags', 'created_at']).where('lead_id', 'in', ids).execute();
  for (const view of views) {
    const tags = view.tags ? { tags: JSON.parse(view.tags) as string[] } : {};
    facts.get(view.lead_id)!.events.push({ type: 'page_view', at: view.created_at, path: view.path, ...tags });
  }
  for (const lead of facts.values()) {
    lead.events.sort((a, b) => a.at - b.at);
    lead.lastActivityAt = Math.max(lead.lastActivityAt, lead.events.at(-1)?.at ?? 0);
  }
  return facts;
}
