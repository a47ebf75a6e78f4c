/** How long to wait before the next attempt of an outbox row. */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  /** After this many attempts the row is marked failed. */
  maxAttempts: number;
}

/**
 * 2 s doubling to 15 minutes, for 100 attempts: about 23 hours of a provider outage ridden out, all
 * inside the 24 hours Resend remembers an Idempotency-Key, so every retry of a request is safe.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 2_000, maxMs: 15 * 60_000, maxAttempts: 100 };

/**
 * Exponential backoff (base, 2×base, 4×base… capped), never sooner than the provider's
 * `Retry-After`. `attempt` is the number of attempts made so far (1 after the first failure).
 */
export function retryDelay(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(exponential, retryAfterMs ?? 0);
}

/** Reads `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  // Otherwise an HTTP date, which has a weekday and a month name; "-3" is neither.
  if (!/[a-z]/i.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
