import type { LeadStore } from '../db/database.ts';
import { findLead, type LeadRef } from './lead-ref.ts';

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());
const parsed = (json: string | null): unknown => (json === null ? null : (JSON.parse(json) as unknown));

/**
 * Everything stored about one lead, for an access request: the lead, every touch with its
 * attribution, consent and answers, the emails and webhooks queued for it with their states and the
 * messages the local mailbox kept, what the provider reported, downloads, page views, the sequences
 * left from the preference centre, the status history and the chat conversations. Times as ISO 8601.
 * Undefined when no lead has that address or id.
 */
export async function exportLead(store: LeadStore, ref: LeadRef, now = Date.now()): Promise<Record<string, unknown> | undefined> {
  const found = await findLead(store.db, ref);
  if (!found) return undefined;
  const { db } = store;
  const byLead = (table: 'touches' | 'downloads' | 'page_views' | 'qualification_changes' | 'email_events' | 'chats') =>
    db.selectFrom(table).selectAll().where('lead_id', '=', found.id).orderBy('created_at').orderBy('id').execute();
  const lead = await db.selectFrom('leads').selectAll().where('id', '=', found.id).executeTakeFirstOrThrow();
  const outbox = await db.selectFrom('outbox').selectAll().where('lead_id', '=', found.id).orderBy('id').execute();
  const mailbox = outbox.length
    ? await db
        .selectFrom('mailbox')
        .selectAll()
        .where(
          'outbox_id',
          'in',
          outbox.map((row) => row.id),
        )
        .orderBy('id')
        .execute()
    : [];
  return {
    exported_at: iso(now),
    lead: {
      id: lead.id,
      email: lead.email,
      name: lead.name,
      status: lead.status,
      score: lead.score,
      created_at: iso(lead.created_at),
      confirmed_at: iso(lead.confirmed_at),
      unsubscribed_at: iso(lead.unsubscribed_at),
      suppressed_at: iso(lead.suppressed_at),
      suppressed_reason: lead.suppressed_reason,
    },
    touches: (await byLead('touches')).map(({ lead_id: _lead, fields, first_touch, attribution_notes, created_at, ...touch }) => ({
      ...touch,
      fields: parsed(fields),
      first_touch: parsed(first_touch),
      attribution_notes: parsed(attribution_notes),
      created_at: iso(created_at),
    })),
    outbox: outbox.map((row) => ({
      id: row.id,
      kind: row.kind,
      template: row.template,
      status: row.status,
      attempts: row.attempts,
      last_error: row.last_error,
      created_at: iso(row.created_at),
      sent_at: iso(row.sent_at),
      payload: parsed(row.payload),
    })),
    mailbox: mailbox.map((message) => ({
      outbox_id: message.outbox_id,
      from: message.from_address,
      to: message.to_address,
      subject: message.subject,
      text: message.text,
      created_at: iso(message.created_at),
    })),
    email_events: (await byLead('email_events')).map(({ lead_id: _lead, created_at, ...event }) => ({ ...event, created_at: iso(created_at) })),
    downloads: (await byLead('downloads')).map(({ lead_id: _lead, created_at, ...download }) => ({ ...download, created_at: iso(created_at) })),
    page_views: (await byLead('page_views')).map(({ lead_id: _lead, tags, created_at, ...view }) => ({
      ...view,
      tags: parsed(tags),
      created_at: iso(created_at),
    })),
    sequences_left: (
      await db.selectFrom('sequence_opt_outs').select(['sequence', 'created_at']).where('lead_id', '=', found.id).orderBy('created_at').execute()
    ).map((left) => ({ ...left, created_at: iso(left.created_at) })),
    status_changes: (await byLead('qualification_changes')).map(({ lead_id: _lead, explanation, created_at, ...change }) => ({
      ...change,
      explanation: parsed(explanation),
      created_at: iso(created_at),
    })),
    chats: (await byLead('chats')).map(({ lead_id: _lead, transcript, created_at, ...chat }) => ({
      ...chat,
      transcript: parsed(transcript),
      created_at: iso(created_at),
    })),
  };
}
