import type { SendOutcome } from '../email/mailer.ts';
import { logLine } from '../ops/logger.ts';
import { DEFAULT_RETRY_POLICY, retryAfterMs } from './backoff.ts';
import type { SenderPacing } from './send-loop.ts';
import { webhookHeaders } from './webhook-signature.ts';

/** A receiver that has not answered by then is given up on for this attempt, which is retried later. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * The pacing of a sender of HTTP calls (CRM webhooks, conversions), what `options` leaves out filled
 * in: four calls at a time, and a claim that outlasts a round whose every call times out.
 */
export function httpSenderPacing(
  options: SenderPacing & { timeoutMs?: number },
  defaultBatchSize: number,
): Required<SenderPacing> & { timeoutMs: number } {
  const batchSize = options.batchSize ?? defaultBatchSize;
  const concurrency = options.concurrency ?? 4;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  return {
    batchSize,
    concurrency,
    timeoutMs,
    retry: options.retry ?? DEFAULT_RETRY_POLICY,
    // Every call of a round timing out, a few at a time, with time to spare for the settling write.
    leaseMs: options.leaseMs ?? Math.ceil(batchSize / concurrency) * timeoutMs + 10_000,
    pollMs: options.pollMs ?? 1_000,
    clock: options.clock ?? Date.now,
    log: options.log ?? logLine,
  };
}

/** One delivery attempt of one message. */
export interface WebhookRequest {
  url: URL;
  /** `whsec_<base64>`. */
  secret: string;
  /** The `webhook-id`: the same on every attempt. */
  id: string;
  /** The JSON body, exactly as stored and signed. */
  body: string;
  timeoutMs: number;
}

/**
 * What a receiver's answer means for the message: a 2xx took it; 408, 429 and 5xx ask for another
 * try (not before `Retry-After`); anything else (another 4xx, a redirect) will not change by trying
 * again, so the message fails for good with the status in its reason.
 */
export function webhookOutcome(status: number, retryAfter: string | null, now: number, detail = ''): SendOutcome {
  if (status >= 200 && status < 300) return { ok: true, providerId: null };
  const retryable = status === 408 || status === 429 || status >= 500;
  return { ok: false, retryable, error: `http ${status}${detail ? `: ${detail}` : ''}`, retryAfterMs: retryAfterMs(retryAfter, now) };
}

/** The start of an error answer's body, on one line: enough to say why without storing a whole page. */
async function excerpt(response: Response): Promise<string> {
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400) {
    return `redirects are not followed; set CRM_WEBHOOK_URL to the address it points to${location ? ` (${location.slice(0, 200)})` : ''}`;
  }
  return (await response.text()).replace(/\s+/g, ' ').trim().slice(0, 200);
}

function reason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/**
 * POSTs a message with its Standard Webhooks headers. Never throws: no answer (a refused
 * connection, a timeout) is a retryable failure, like a 503.
 */
export async function postWebhook({ url, secret, id, body, timeoutMs }: WebhookRequest): Promise<SendOutcome> {
  // Signed at each attempt with the real time, not the sender's schedule clock: the receiver compares
  // it with its own clock (the standardwebhooks library allows five minutes either way).
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Lodestone-Webhooks/1', ...webhookHeaders(secret, id, timestamp, body) },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const detail = response.ok ? '' : await excerpt(response);
    if (response.ok) await response.body?.cancel();
    return webhookOutcome(response.status, response.headers.get('retry-after'), Date.now(), detail);
  } catch (error) {
    return { ok: false, retryable: true, error: `no answer: ${reason(error)}` };
  }
}
