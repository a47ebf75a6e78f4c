import { Resend } from 'resend';
import { z } from 'zod';
import type { LeadStore } from '../db/database.ts';
import { suppress } from './subscription.ts';
import { markDueForScoring } from '../leads/rescore.ts';

/** Email events kept for scoring, by their Resend type. */
const RECORDED = new Set([
  'email.delivered',
  'email.opened',
  'email.clicked',
  'email.delivery_delayed',
  'email.bounced',
  'email.complained',
  'email.failed',
]);

/** Largest event body read: Resend's email events are a few kilobytes. */
export const WEBHOOK_MAX_BODY_BYTES = 256 * 1024;

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface WebhookRequest {
  /** The raw body, exactly as received: the signature covers these bytes. */
  payload: string;
  headers: Headers;
}

/** Every event has a type; what else it carries depends on it. */
const anyEvent = z.object({ type: z.string().min(1) });

/** The fields of an email event this endpoint reads (Resend sends more). */
const emailEvent = z.object({
  type: z.string(),
  data: z.object({
    email_id: z.string().optional(),
    to: z.array(z.string()).optional(),
    bounce: z.object({ type: z.string().optional(), subType: z.string().optional() }).optional(),
    click: z.object({ link: z.string().optional() }).optional(),
  }),
});

/** A signed event this endpoint cannot read: refused with 400 and nothing recorded, so Resend shows it as failed. */
function unreadable(reason: string): WebhookAnswer {
  return { status: 400, body: { error: `The event is signed but malformed: ${reason}.` } };
}

/**
 * `POST /api/webhooks/resend`: verifies the signature with the SDK (which also refuses timestamps
 * more than five minutes off), refuses a delivery id seen before, then records the event.
 * Hard bounces and complaints suppress the address everywhere; unknown events are acknowledged; a
 * signed event without the fields its type promises is refused with 400, nothing recorded.
 */
export async function handleResendWebhook(
  store: LeadStore,
  secret: string | undefined,
  request: WebhookRequest,
  now: number,
): Promise<WebhookAnswer> {
  if (!secret) return { status: 503, body: { error: 'Resend webhooks are not configured: set RESEND_WEBHOOK_SECRET.' } };
  const id = request.headers.get('svix-id') ?? request.headers.get('webhook-id') ?? '';
  const timestamp = request.headers.get('svix-timestamp') ?? request.headers.get('webhook-timestamp') ?? '';
  const signature = request.headers.get('svix-signature') ?? request.headers.get('webhook-signature') ?? '';
  let verified: unknown;
  try {
    // The verifier needs no API key, but the client will not start without one.
    verified = new Resend('re_webhook_verifier').webhooks.verify({
      payload: request.payload,
      headers: { id, timestamp, signature },
      webhookSecret: secret,
    });
  } catch (error) {
    // The verifier parses the body only once the signature matched.
    if (error instanceof SyntaxError) return unreadable('the body is not JSON');
    return { status: 401, body: { error: 'The signature does not match, or the timestamp is too old.' } };
  }
  const typed = anyEvent.safeParse(verified);
  if (!typed.success) return unreadable('it has no type');
  const parsed = RECORDED.has(typed.data.type) ? emailEvent.safeParse(verified) : undefined;
  if (parsed && !parsed.success) return unreadable(`${typed.data.type} without the email fields (${parsed.error.issues[0]!.path.join('.')})`);
  const event = parsed?.data;

  return store.write(async (trx) => {
    const first = await trx
      .insertInto('webhook_receipts')
      .values({ id, received_at: now })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!first) return { status: 409, body: { error: 'This delivery was already received.' } };
    if (!event) return { status: 200, body: { status: 'ignored', type: typed.data.type } };

    const providerId = event.data.email_id ?? null;
    const sent = providerId
      ? await trx.selectFrom('outbox').select(['id', 'lead_id']).where('provider_id', '=', providerId).executeTakeFirst()
      : undefined;
    let leadId = sent?.lead_id ?? null;
    const address = event.data.to?.[0]?.trim().toLowerCase();
    if (leadId === null && address) {
      leadId = (await trx.selectFrom('leads').select('id').where('email', '=', address).executeTakeFirst())?.id ?? null;
    }
    const type = event.type.replace(/^email\./, '');
    const hard = type === 'bounced' && event.data.bounce?.type?.toLowerCase() === 'permanent';
    await trx
      .insertInto('email_events')
      .values({
        lead_id: leadId,
        outbox_id: sent?.id ?? null,
        type,
        provider_id: providerId,
        detail:
          (type === 'clicked'
            ? event.data.click?.link
            : type === 'bounced'
              ? [event.data.bounce?.type, event.data.bounce?.subType].filter(Boolean).join('/')
              : undefined
          )?.slice(0, 500) ?? null,
        created_at: now,
      })
      .execute();
    // A click is a behaviour signal (src/scoring/): the lead is scored again.
    if (leadId !== null && type === 'clicked') await markDueForScoring(trx, leadId, now);
    if (leadId !== null && (hard || type === 'complained')) await suppress(trx, leadId, hard ? 'hard bounce' : 'complaint', now);
    return { status: 200, body: { status: 'recorded', type: event.type } };
  });
}
