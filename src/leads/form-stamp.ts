import { createHmac, timingSafeEqual } from 'node:crypto';

/** A human needs at least this long between seeing a form and sending it. */
export const MIN_FILL_MS = 2_000;

function mac(secret: string, issuedAt: number): string {
  return createHmac('sha256', secret).update(`form-stamp:${issuedAt}`).digest('base64url');
}

/** `<issued at ms>.<HMAC>`: proves the server issued the form at that time. */
export function signFormStamp(secret: string, issuedAt: number): string {
  return `${issuedAt}.${mac(secret, issuedAt)}`;
}

export type StampVerdict = 'ok' | 'missing' | 'forged' | 'too-fast';

/** Whether a submitted stamp is ours and old enough for a person to have filled the form. */
export function checkFormStamp(secret: string, stamp: unknown, now: number): StampVerdict {
  if (typeof stamp !== 'string' || stamp === '') return 'missing';
  const match = /^(\d{1,15})\.([\w-]{43})$/.exec(stamp);
  if (!match) return 'forged';
  const issuedAt = Number(match[1]);
  const expected = Buffer.from(mac(secret, issuedAt));
  const given = Buffer.from(match[2]!);
  if (!timingSafeEqual(expected, given)) return 'forged';
  if (issuedAt > now + 60_000) return 'forged';
  return now - issuedAt < MIN_FILL_MS ? 'too-fast' : 'ok';
}
