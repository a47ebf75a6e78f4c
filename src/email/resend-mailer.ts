import { Resend } from 'resend';
import type { Mailer, OutboundEmail, SendContext, SendOutcome } from './mailer.ts';

/** A send that has not answered by then is abandoned and retried; shorter than the outbox lease. */
export const SEND_TIMEOUT_MS = 10_000;

/** Reads `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Sends through the official Resend SDK. The SDK reads `RESEND_BASE_URL` itself; it never throws,
 * so the status and `Retry-After` are read from what it returns.
 */
export class ResendMailer implements Mailer {
  readonly name = 'resend';
  readonly #resend: Resend;

  constructor(apiKey: string) {
    this.#resend = new Resend(apiKey);
  }

  async send(email: OutboundEmail, { idempotencyKey }: SendContext): Promise<SendOutcome> {
    const { data, error, headers } = await this.#resend.emails.send(
      { from: email.from, to: [email.to], subject: email.subject, html: email.html, text: email.text, headers: email.headers },
      { idempotencyKey, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
    );
    if (data) return { ok: true, providerId: data.id };
    const status = error?.statusCode ?? null;
    const message = `${error?.name ?? 'error'}${status ? ` (${status})` : ''}: ${error?.message ?? 'no answer'}`;
    const retryable = status === null || status === 429 || status >= 500;
    return { ok: false, retryable, error: message, retryAfterMs: retryAfterMs(headers?.['retry-after'], Date.now()) };
  }
}
