import { ATTRIBUTION_FIELDS, type AttributionValues } from '../leads/attribution.ts';
import type { FieldValues } from '../leads/form-fields.ts';
import type { LeadStatus } from '../leads/lead-status.ts';

/** Why a lead is handed to sales now. */
export const HandoffReason = {
  /** Its score reached the sales-ready threshold. */
  SalesReady: 'sales-ready',
  /** It asked for a consultation: a hand-off whatever its score. */
  Consultation: 'consultation',
} as const;
export type HandoffReason = (typeof HandoffReason)[keyof typeof HandoffReason];

/** Where a visit came from, and for a signup which form on which page; only the values it had. */
export type HandoffTouch = AttributionValues & {
  /** When the visit began or the signup happened, epoch ms. */
  at: number;
  /** The form of a signup (`magnet`, `landing`, `newsletter`…) and the page, magnet, landing page and variant it was on. */
  form?: string;
  page?: string;
  magnet?: string;
  landing?: string;
  variant?: string;
};

/** One hand-off of one lead to sales: what the CRM webhook and the sales alert carry. */
export interface Handoff {
  /**
   * Unique to this hand-off (one status change, or one consultation request), and the same however
   * often it is enqueued: letters, digits, `_` and `-`, at most 100. The webhook id is made from it.
   */
  eventId: string;
  reason: HandoffReason;
  /** When the lead became sales-ready or asked for the consultation, epoch ms. */
  occurredAt: number;
  lead: {
    id: number;
    email: string;
    name: string | null;
    qualification: LeadStatus;
    /** When the lead gave its address first, epoch ms. */
    createdAt: number;
  };
  /** Its answers to the forms' fields and profiling questions, the latest per field. */
  answers: FieldValues;
  /** The lead's first visit (as the browser kept it), or its first signup when the browser kept none; null without a touch. */
  firstTouch: HandoffTouch | null;
  /** The lead's latest signup and the visit it happened in; null without a touch. */
  lastTouch: HandoffTouch | null;
  score: number;
  /** One line per rule that fired, as scoring wrote them: `+20 budget: over 10k`. */
  explanation: string[];
}

const EVENT_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** The `webhook-id` of a hand-off: the same on every attempt and every enqueue, so a receiver can drop a repeat. */
export function webhookIdOf(eventId: string): string {
  if (!EVENT_ID.test(eventId)) throw new Error(`hand-off event id "${eventId}" must be 1 to 100 letters, digits, _ or -`);
  return `msg_${eventId}`;
}

/** The lead's page in the admin. */
export function adminLeadUrl(siteUrl: URL, leadId: number): string {
  return new URL(`/admin/leads/${leadId}`, siteUrl).href;
}

const iso = (at: number) => new Date(at).toISOString();

/** A touch as JSON: every field present, null when the touch did not have it, so a receiver maps a fixed set of keys. */
function touchJson(touch: HandoffTouch | null) {
  if (!touch) return null;
  const fields = ['form', 'page', 'magnet', 'landing', 'variant', ...ATTRIBUTION_FIELDS] as const;
  return { at: iso(touch.at), ...Object.fromEntries(fields.map((field) => [field, touch[field] ?? null])) };
}

/**
 * The webhook's JSON body, in the Standard Webhooks envelope (`type`, `timestamp`, `data`). Built
 * once when the hand-off is enqueued and stored, so every attempt sends the same bytes.
 */
export function handoffBody(handoff: Handoff, siteUrl: URL): string {
  const { eventId, reason, occurredAt, lead, answers, firstTouch, lastTouch, score, explanation } = handoff;
  return JSON.stringify({
    type: 'lead.handoff',
    timestamp: iso(occurredAt),
    data: {
      event_id: eventId,
      reason,
      occurred_at: iso(occurredAt),
      lead: {
        id: lead.id,
        email: lead.email,
        name: lead.name,
        qualification: lead.qualification,
        created_at: iso(lead.createdAt),
        admin_url: adminLeadUrl(siteUrl, lead.id),
      },
      answers,
      attribution: { first_touch: touchJson(firstTouch), last_touch: touchJson(lastTouch) },
      score: { total: score, explanation },
    },
  });
}
