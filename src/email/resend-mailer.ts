import { setTimeout as sleep } from 'node:timers/promises';
import { Resend } from 'resend';
import { retryAfterMs } from '../outbox/backoff.ts';
import type { Mailer, OutboundEmail, SendContext, SendOutcome } from './mailer.ts';

/** A send that has not answered by then is abandoned and retried later with the same request. */
export const SEND_TIMEOUT_MS = 10_000;
/** Resend takes at most this many emails in one batch call. */
export const RESEND_BATCH_LIMIT = 100;
/** Resend's default rate limit per team (its docs say 2 requests a second; newer plans allow more). */
export const DEFAULT_REQUESTS_PER_SECOND = 2;

/** What Resend's SDK hands back instead of throwing. */
export interface ResendError {
  statusCode?: number | null;
  name?: string;
  message?: string;
}

/**
 * What a Resend error means for the request that got it. The outbox only ever sends one payload
 * under one key, so Resend refusing the key as reused (`invalid_idempotent_request`) means it took
 * this request before and the answer was lost: delivered, not failed. `concurrent_idempotent_requests`
 * means that earlier call is still running: ask again later. No status at all (network error,
 * timeout) tells nothing, so it is retried with the same request.
 */
export function resendOutcome(error: ResendError | null, retryAfter: string | null | undefined, now: number): SendOutcome {
  const status = error?.statusCode ?? null;
  if (status === 409 && error?.name === 'invalid_idempotent_request') return { ok: true, providerId: null };
  const message = `${error?.name ?? 'error'}${status ? ` (${status})` : ''}: ${error?.message ?? 'no answer'}`;
  const retryable = status === null || status === 409 || status === 429 || status >= 500;
  const invalid = status === 400 || status === 422;
  return { ok: false, retryable, error: message, retryAfterMs: retryAfterMs(retryAfter, now), ...(invalid ? { invalid } : {}) };
}

function resendEmail(email: OutboundEmail) {
  return { from: email.from, to: [email.to], subject: email.subject, html: email.html, text: email.text, headers: email.headers };
}

/**
 * Sends through the official Resend SDK, one request per call: retries, batches and their keys are
 * the outbox's business, which stores each request before making it. The SDK reads
 * `RESEND_BASE_URL` itself; it never throws, so the status and `Retry-After` are read from what it
 * returns. Requests are paced to stay within Resend's rate limit.
 */
export class ResendMailer implements Mailer {
  readonly name = 'resend';
  readonly batchLimit = RESEND_BATCH_LIMIT;
  readonly #resend: Resend;
  readonly #intervalMs: number;
  #nextSlot = 0;

  constructor(apiKey: string, requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND) {
    this.#resend = new Resend(apiKey);
    this.#intervalMs = 1000 / requestsPerSecond;
  }

  /** Waits for this request's turn under the rate limit. */
  async #pace(): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.#nextSlot);
    this.#nextSlot = slot + this.#intervalMs;
    if (slot > now) await sleep(slot - now);
  }

  async send(email: OutboundEmail, { idempotencyKey }: SendContext): Promise<SendOutcome> {
    await this.#pace();
    const { data, error, headers } = await this.#resend.emails.send(resendEmail(email), {
      idempotencyKey,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    return data ? { ok: true, providerId: data.id } : resendOutcome(error, headers?.['retry-after'], Date.now());
  }

  /** Up to 100 emails in one call; Resend's strict validation takes all of them or none. */
  async sendBatch(emails: readonly OutboundEmail[], idempotencyKey: string): Promise<SendOutcome[] | SendOutcome> {
    await this.#pace();
    const { data, error, headers } = await this.#resend.batch.send(emails.map(resendEmail), {
      idempotencyKey,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    if (!data) return resendOutcome(error, headers?.['retry-after'], Date.now());
    return emails.map((_, index) => ({ ok: true, providerId: data.data[index]?.id ?? null }));
  }
}
