import { createHmac } from 'node:crypto';

/** The Standard Webhooks headers of one delivery attempt. */
export interface WebhookHeaders {
  /** The message's id: the same on every attempt, so a receiver can drop a repeat. */
  'webhook-id': string;
  /** When this attempt was signed, in whole seconds since the epoch. */
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * The Standard Webhooks signature of a message: `v1,` and the base64 HMAC-SHA256 of
 * `<id>.<timestamp>.<body>`, keyed with the bytes the secret's base64 part (after `whsec_`) decodes to.
 * The body is signed as the exact bytes sent: a receiver must verify the raw body, not re-serialised JSON.
 */
export function webhookSignature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The headers that sign `body` as message `id`, sent at `timestamp` (seconds). */
export function webhookHeaders(secret: string, id: string, timestamp: number, body: string): WebhookHeaders {
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': webhookSignature(secret, id, timestamp, body) };
}
