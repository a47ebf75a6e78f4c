import { z } from 'zod';
import type { SendOutcome } from '../email/mailer.ts';
import { webhookOutcome } from '../outbox/webhook-request.ts';
import type { MetaSettings } from './lead-ads-env.ts';
import type { PlatformLead } from './map-ad-lead.ts';

/** A Graph API call that has not answered by then is tried again later. */
export const GRAPH_TIMEOUT_MS = 10_000;

/** The lead fields read from the Graph API. */
export const LEAD_FIELDS = 'id,created_time,ad_id,adset_id,campaign_id,form_id,field_data,custom_disclaimer_responses';

const id = z.union([z.string(), z.number()]).transform(String);

/** A lead as `GET /{version}/{leadgen_id}` answers it. */
const graphLeadSchema = z.object({
  id,
  created_time: z.string().optional(),
  ad_id: id.optional(),
  adset_id: id.optional(),
  campaign_id: id.optional(),
  form_id: id.optional(),
  field_data: z.array(z.object({ name: z.string(), values: z.array(z.union([z.string(), z.number(), z.boolean()])).default([]) })).default([]),
  custom_disclaimer_responses: z
    .array(z.object({ checkbox_key: z.string(), is_checked: z.union([z.boolean(), z.string(), z.number()]).optional() }))
    .default([]),
});

export type GraphFetch = { ok: true; lead: PlatformLead } | Extract<SendOutcome, { ok: false }>;

/** Meta writes times like `2026-12-02T19:40:11+0000`; the offset without a colon is ISO 8601 too, but not for Date.parse everywhere. */
function graphTime(value: string | undefined, fallback: number): number {
  if (!value) return fallback;
  const parsed = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(parsed) ? fallback : parsed;
}

/** Turns a Graph API lead into a PlatformLead; `formId` is the notification's when the answer has none. */
export function fromGraphLead(raw: unknown, formId: string | undefined, now: number): PlatformLead | { error: string } {
  const parsed = graphLeadSchema.safeParse(raw);
  if (!parsed.success)
    return { error: `unreadable lead: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}` };
  const lead = parsed.data;
  const answers: Record<string, string> = {};
  for (const field of lead.field_data) if (field.values.length) answers[field.name] ??= String(field.values[0]);
  const checkboxes: Record<string, boolean> = {};
  for (const response of lead.custom_disclaimer_responses) {
    checkboxes[response.checkbox_key] =
      response.is_checked === true || response.is_checked === 1 || response.is_checked === '1' || response.is_checked === 'true';
  }
  const form = lead.form_id ?? formId;
  if (!form) return { error: 'the lead names no form' };
  return {
    platform: 'meta',
    leadId: lead.id,
    formId: form,
    createdAt: graphTime(lead.created_time, now),
    adId: lead.ad_id,
    adsetId: lead.adset_id,
    campaignId: lead.campaign_id,
    answers,
    checkboxes,
  };
}

/**
 * Reads one lead from the Graph API. Never throws: no answer, 429 and 5xx are worth another try;
 * another 4xx (a lead deleted, a token without `leads_retrieval`) is final.
 */
export async function fetchMetaLead(settings: MetaSettings, leadgenId: string, formId: string | undefined, now: number): Promise<GraphFetch> {
  const url = new URL(
    `${settings.graphBaseUrl.pathname.replace(/\/$/, '')}/${settings.graphVersion}/${encodeURIComponent(leadgenId)}`,
    settings.graphBaseUrl,
  );
  url.searchParams.set('fields', LEAD_FIELDS);
  url.searchParams.set('access_token', settings.accessToken ?? '');
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(GRAPH_TIMEOUT_MS), redirect: 'manual' });
    const text = await response.text();
    if (!response.ok) {
      const outcome = webhookOutcome(response.status, response.headers.get('retry-after'), Date.now(), text.replace(/\s+/g, ' ').slice(0, 200));
      return outcome.ok ? { ok: false, retryable: true, error: 'graph: unexpected answer' } : { ...outcome, error: `graph: ${outcome.error}` };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, retryable: true, error: 'graph: the answer is not JSON' };
    }
    const lead = fromGraphLead(body, formId, now);
    return 'error' in lead ? { ok: false, retryable: false, error: `graph: ${lead.error}` } : { ok: true, lead };
  } catch (error) {
    const cause = error instanceof Error ? (error.cause as { code?: string } | undefined)?.code : undefined;
    return {
      ok: false,
      retryable: true,
      error: `graph: no answer (${error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : (cause ?? String(error))})`,
    };
  }
}
