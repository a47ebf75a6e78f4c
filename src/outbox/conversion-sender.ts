import type { LeadStore } from '../db/database.ts';
import type { SendOutcome } from '../email/mailer.ts';
import { ConversionTemplate } from '../lead-ads/enqueue-conversions.ts';
import type { LeadAdsSettings } from '../lead-ads/lead-ads-env.ts';
import { claimDueRows } from './claim-rows.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import { OutboxKind } from './outbox-kind.ts';
import type { OutboxRow } from './send-attempts.ts';
import { RoundsWorker, type SenderPacing } from './send-loop.ts';
import { settlement, settleRows } from './settle-rows.ts';
import { httpSenderPacing, webhookOutcome } from './webhook-request.ts';

export interface ConversionSenderOptions extends SenderPacing {
  store: LeadStore;
  settings: LeadAdsSettings;
  timeoutMs?: number;
}

/** Conversions one round claims. */
const CONVERSION_BATCH_SIZE = 8;

/** Where a row goes and with which credentials; the token is never stored with the row. */
function requestOf(row: OutboxRow, settings: LeadAdsSettings): { url: URL; headers: Record<string, string> } | undefined {
  if (row.template === ConversionTemplate.Meta && settings.meta.pixelId && settings.meta.accessToken) {
    const { graphBaseUrl, graphVersion, pixelId, accessToken } = settings.meta;
    const url = new URL(`${graphBaseUrl.pathname.replace(/\/$/, '')}/${graphVersion}/${pixelId}/events`, graphBaseUrl);
    url.searchParams.set('access_token', accessToken);
    return { url, headers: {} };
  }
  if (row.template === ConversionTemplate.TikTok && settings.tiktok.accessToken) {
    const base = settings.tiktok.eventsBaseUrl;
    return {
      url: new URL(`${base.pathname.replace(/\/$/, '')}/open_api/v1.3/event/track/`, base),
      headers: { 'Access-Token': settings.tiktok.accessToken },
    };
  }
  return undefined;
}

/**
 * TikTok answers HTTP 200 with its own `code` in the body: 0 took the event; 40100 (too many
 * requests) and 5xxxx ask for another try; any other code is a refusal that trying again will not change.
 */
function tiktokOutcome(text: string): SendOutcome {
  let code: unknown;
  let message = '';
  try {
    ({ code, message = '' } = JSON.parse(text) as { code?: unknown; message?: string });
  } catch {
    return { ok: false, retryable: true, error: 'tiktok: the answer is not JSON' };
  }
  if (code === 0) return { ok: true, providerId: null };
  const retryable = code === 40100 || (typeof code === 'number' && code >= 50000);
  return { ok: false, retryable, error: `tiktok code ${String(code)}: ${String(message).slice(0, 200)}` };
}

async function post(row: OutboxRow, settings: LeadAdsSettings, timeoutMs: number): Promise<SendOutcome> {
  const request = requestOf(row, settings);
  if (!request) return { ok: false, retryable: false, error: `${row.template}: the platform is not configured any more` };
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Lodestone-Conversions/1', ...request.headers },
      body: row.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (response.ok && row.template === ConversionTemplate.TikTok) return tiktokOutcome(text);
    return webhookOutcome(
      response.status,
      response.headers.get('retry-after'),
      Date.now(),
      response.ok ? '' : text.replace(/\s+/g, ' ').slice(0, 200),
    );
  } catch (error) {
    const cause = error instanceof Error ? (error.cause as { code?: string } | undefined)?.code : undefined;
    return {
      ok: false,
      retryable: true,
      error: `no answer: ${error instanceof Error && error.name === 'TimeoutError' ? 'no answer in time' : (cause ?? String(error))}`,
    };
  }
}

/**
 * Delivers the outbox's `conversion` rows to Meta's Conversions API and TikTok's Events API, with
 * the claims, leases, backoff and settling of the other senders. Each row carries an `event_id`
 * the platforms deduplicate on, so a delivery repeated after a lost answer is counted once.
 */
export class ConversionSender extends RoundsWorker {
  readonly #options: Required<ConversionSenderOptions>;

  constructor(options: ConversionSenderOptions) {
    const pacing = httpSenderPacing(options, CONVERSION_BATCH_SIZE);
    super(pacing.pollMs, pacing.log, { name: 'conversions', batchSize: pacing.batchSize });
    this.#options = { ...options, ...pacing };
  }

  async runOnce(now = this.#options.clock()): Promise<number> {
    const { store, settings, batchSize, leaseMs, concurrency, timeoutMs, retry, clock, log } = this.#options;
    const rows = await claimDueRows(store, { kind: OutboxKind.Conversion, now, batchSize, leaseMs });
    if (rows.length === 0) return 0;
    const results = await mapWithConcurrency(rows, concurrency, async (row) =>
      settlement(row, await post(row, settings, timeoutMs), clock(), retry, log),
    );
    await store.write((trx) => settleRows(trx, results, new Map(rows.map((row) => [row.id, row]))));
    return rows.length;
  }
}
