import { z } from 'zod';
import type { LeadStore } from '../db/database.ts';
import type { TikTokSettings } from './lead-ads-env.ts';
import type { PlatformLead } from './map-ad-lead.ts';
import { jsonAnswer as json, type WebhookAnswer } from './webhook-answer.ts';
import { verifyTikTokSignature } from './signatures.ts';
import { storeNotifications } from './store-notifications.ts';

export const TIKTOK_WEBHOOK_MAX_BODY_BYTES = 256 * 1024;

const id = z.union([z.string().regex(/^[\w-]{1,64}$/), z.number().int().nonnegative()]).transform(String);

/**
 * A TikTok lead, as its lead-generation webhook delivers it: the answers come with the delivery,
 * so nothing is fetched. One lead per delivery, or several under `leads`.
 */
const tiktokLead = z.object({
  lead_id: id,
  form_id: id,
  ad_id: id.optional(),
  adgroup_id: id.optional(),
  campaign_id: id.optional(),
  /** Unix seconds. */
  create_time: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  field_list: z
    .array(z.object({ field_name: z.string().min(1).max(100), field_value: z.union([z.string().max(2000), z.boolean(), z.number()]) }))
    .max(100),
});

const deliverySchema = z.union([z.object({ leads: z.array(tiktokLead).min(1).max(500) }), tiktokLead.transform((lead) => ({ leads: [lead] }))]);

function platformLead(lead: z.output<typeof tiktokLead>, now: number): PlatformLead {
  const answers: Record<string, string> = {};
  for (const field of lead.field_list) answers[field.field_name] ??= String(field.field_value);
  return {
    platform: 'tiktok',
    leadId: lead.lead_id,
    formId: lead.form_id,
    createdAt: lead.create_time ? lead.create_time * 1000 : now,
    adId: lead.ad_id,
    adsetId: lead.adgroup_id,
    campaignId: lead.campaign_id,
    answers,
    checkboxes: {},
  };
}

/**
 * A TikTok delivery: `TikTok-Signature` checked over the raw body first, then each lead stored,
 * keyed by its lead id, before answering 200; it is captured in the background, at once. A
 * redelivery stores nothing.
 */
export async function receiveTikTokLeads(
  store: LeadStore,
  settings: TikTokSettings,
  raw: Uint8Array,
  signature: string | null,
  now: number,
  log: (line: string) => void,
): Promise<{ answer: WebhookAnswer; stored: number }> {
  if (!settings.appSecret) return { answer: json(503, { error: 'TIKTOK_APP_SECRET is not set: lead ads from TikTok are not taken' }), stored: 0 };
  const body = new TextDecoder().decode(raw);
  const check = verifyTikTokSignature(settings.appSecret, body, signature, now);
  if (!check.ok) {
    log(`[lead-ads] refused a TikTok delivery: ${check.reason}`);
    return { answer: json(401, { error: check.reason }), stored: 0 };
  }
  let parsed: z.output<typeof deliverySchema>;
  try {
    parsed = deliverySchema.parse(JSON.parse(body));
  } catch (error) {
    const reason =
      error instanceof z.ZodError ? error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ') : 'not JSON';
    log(`[lead-ads] refused a signed TikTok delivery: ${reason}`);
    return { answer: json(400, { error: `unreadable lead: ${reason}` }), stored: 0 };
  }
  const notifications = parsed.leads.map((lead) => ({ leadId: lead.lead_id, payload: JSON.stringify(platformLead(lead, now)) }));
  const stored = await storeNotifications(store, 'tiktok', notifications, now);
  return { answer: json(200, { received: notifications.length, new: stored }), stored };
}
