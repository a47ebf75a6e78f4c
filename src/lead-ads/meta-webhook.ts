import { z } from 'zod';
import type { LeadStore } from '../db/database.ts';
import type { MetaSettings } from './lead-ads-env.ts';
import { verifyMetaSignature } from './signatures.ts';
import { storeNotifications } from './store-notifications.ts';
import { jsonAnswer as json, type WebhookAnswer } from './webhook-answer.ts';

/** Meta's notifications are small; a batch of a few hundred leads stays far below this. */
export const META_WEBHOOK_MAX_BODY_BYTES = 256 * 1024;

/**
 * The subscription handshake: Meta calls with `hub.mode=subscribe`, the verify token we gave it and
 * a challenge, and expects the challenge back as it came. Anything else is refused.
 */
export function metaHandshake(params: URLSearchParams, verifyToken: string | undefined): WebhookAnswer {
  const challenge = params.get('hub.challenge');
  if (!verifyToken || params.get('hub.mode') !== 'subscribe' || params.get('hub.verify_token') !== verifyToken || !challenge) {
    return { status: 403, body: 'verify token does not match', contentType: 'text/plain; charset=utf-8' };
  }
  return { status: 200, body: challenge, contentType: 'text/plain; charset=utf-8' };
}

const id = z.union([z.string().regex(/^\d{1,30}$/), z.number().int().nonnegative()]).transform(String);

/** One `leadgen` change: what Meta says about a new lead (the lead's answers are fetched from the Graph API). */
const leadgenValue = z.object({
  leadgen_id: id,
  form_id: id.optional(),
  page_id: id.optional(),
  ad_id: id.optional(),
  adgroup_id: id.optional(),
  created_time: z.number().optional(),
});

/** The notification body of a Page subscription; changes other than `leadgen` are ignored. */
const notificationSchema = z.object({
  object: z.string(),
  entry: z
    .array(
      z.object({
        changes: z.array(z.object({ field: z.string(), value: z.unknown() })).default([]),
      }),
    )
    .max(1000),
});

/**
 * A notification: the signature checked over the raw bytes first (nothing is read before), then
 * each `leadgen` change stored, keyed by its lead id, before answering 200. The lead is fetched
 * and captured in the background, retried while the Graph API is down; a redelivery stores nothing.
 */
export async function receiveMetaNotification(
  store: LeadStore,
  settings: MetaSettings,
  raw: Uint8Array,
  signature: string | null,
  now: number,
  log: (line: string) => void,
): Promise<{ answer: WebhookAnswer; stored: number }> {
  if (!settings.appSecret) return { answer: json(503, { error: 'META_APP_SECRET is not set: lead ads from Meta are not taken' }), stored: 0 };
  if (!verifyMetaSignature(settings.appSecret, raw, signature)) {
    log('[lead-ads] refused a Meta notification: X-Hub-Signature-256 does not match the body');
    return { answer: json(401, { error: 'X-Hub-Signature-256 does not match the body' }), stored: 0 };
  }
  let parsed: z.output<typeof notificationSchema>;
  try {
    parsed = notificationSchema.parse(JSON.parse(new TextDecoder().decode(raw)));
  } catch (error) {
    const reason = error instanceof z.ZodError ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') : 'not JSON';
    log(`[lead-ads] refused a signed Meta notification: ${reason}`);
    return { answer: json(400, { error: `unreadable notification: ${reason}` }), stored: 0 };
  }
  const notifications = [];
  const problems: string[] = [];
  for (const entry of parsed.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'leadgen') continue;
      const value = leadgenValue.safeParse(change.value);
      if (value.success) notifications.push({ leadId: value.data.leadgen_id, payload: JSON.stringify(value.data) });
      else problems.push(value.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    }
  }
  if (problems.length) {
    log(`[lead-ads] refused a signed Meta notification: leadgen change ${problems.join(' / ')}`);
    return { answer: json(400, { error: `unreadable leadgen change: ${problems[0]}` }), stored: 0 };
  }
  const stored = await storeNotifications(store, 'meta', notifications, now);
  return { answer: json(200, { received: notifications.length, new: stored }), stored };
}
