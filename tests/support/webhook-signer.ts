import { createHmac, randomUUID } from 'node:crypto';

/** A webhook signing secret in Resend's format. */
export const WEBHOOK_SECRET = `whsec_${Buffer.from('lodestone-test-webhook-signing-key').toString('base64')}`;

/** Signs a payload as Resend (Standard Webhooks, through Svix) does: HMAC-SHA256 of `id.timestamp.body`. */
export function signedWebhook(
  payload: unknown,
  options: { secret?: string; id?: string; timestamp?: number; rawBody?: string } = {},
): { body: string; headers: Record<string, string> } {
  const body = options.rawBody ?? JSON.stringify(payload);
  const id = options.id ?? `msg_${randomUUID()}`;
  const timestamp = String(Math.floor((options.timestamp ?? Date.now()) / 1000));
  const key = Buffer.from((options.secret ?? WEBHOOK_SECRET).replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { body, headers: { 'Content-Type': 'application/json', 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': `v1,${signature}` } };
}
