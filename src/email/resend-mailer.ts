import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Resend } from 'resend';
import type { Mailer, OutboundEmail, SendContext, SendOutcome } from './mailer.ts';

/** A send that has not answered by then is abandoned and retried; well inside the outbox lease. */
export const SEND_TIMEOUT_MS = 10_000;
/** Resend takes at most this many emails in one batch call. */
export const RESEND_BATCH_LIMIT = 100;
/** Resend's default rate limit per team (its docs say 2 requests a second; newer plans allow more). */
export const DEFAULT_REQUESTS_PER_SECOND = 2;
/** Tries of one batch, with the same Idempotency-Key, before its rows go back to the outbox. */
const BATCH_ATTEMPTS = 2;

/** Reads `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The Idempotency-Key of a batch: derived from its members' keys, so the same emails retried are one batch to Resend. */
export function batchKey(contexts: readonly SendContext[]): string {
  return `batch-${createHash('sha256')
    .update(contexts.map((context) => context.idempotencyKey).join('\n'))
    .digest('base64url')}`;
}

type Failure = Extract<SendOutcome, { ok: false }> & { status: number | null };

/**
 * Sends through the official Resend SDK. The SDK reads `RESEND_BASE_URL` itself; it never throws,
 * so the status and `Retry-After` are read from what it returns. Requests are paced to stay within
 * Resend's rate limit.
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
    const { data, error, headers } = await this.#resend.emails.send(
      { from: email.from, to: [email.to], subject: email.subject, html: email.html, text: email.text, headers: email.headers },
      { idempotencyKey, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
    );
    return data ? { ok: true, providerId: data.id } : failure(error, headers);
  }

  /**
   * Sends up to 100 emails in one call. A batch that fails without a clear answer (network, 5xx) is
   * tried again at once with the same key, so a batch Resend did take is not delivered twice; a
   * batch refused as invalid is sent one by one, so one bad address does not hold back the rest.
   */
  async sendBatch(emails: readonly OutboundEmail[], contexts: readonly SendContext[]): Promise<SendOutcome[]> {
    const idempotencyKey = batchKey(contexts);
    let last: Failure | undefined;
    for (let attempt = 0; attempt < BATCH_ATTEMPTS; attempt++) {
      if (attempt > 0) await sleep(500 * 2 ** attempt);
      await this.#pace();
      const { data, error, headers } = await this.#resend.batch.send(
        emails.map((email) => ({
          from: email.from,
          to: [email.to],
          subject: email.subject,
          html: email.html,
          text: email.text,
          headers: email.headers,
        })),
        { idempotencyKey, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
      );
      if (data) return data.data.map((item) => ({ ok: true, providerId: item.id }));
      last = failure(error, headers);
      if (last.status === 422 || last.status === 400) return Promise.all(emails.map((email, index) => this.send(email, contexts[index]!)));
      if (!last.retryable || last.status === 429) break;
    }
    return emails.map(() => last!);
  }
}

function failure(
  error: { statusCode?: number | null; name?: string; message?: string } | null,
  headers: Record<string, string> | null | undefined,
): Failure {
  const status = error?.statusCode ?? null;
  const message = `${error?.name ?? 'error'}${status ? ` (${status})` : ''}: ${error?.message ?? 'no answer'}`;
  const retryable = status === null || status === 429 || status >= 500;
  return { ok: false, retryable, error: message, retryAfterMs: retryAfterMs(headers?.['retry-after'], Date.now()), status };
}
