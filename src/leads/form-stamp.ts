import { createHmac, timingSafeEqual } from 'node:crypto';

/** A human needs at least this long between seeing a form and sending it. */
export const MIN_FILL_MS = 2_000;
/**
 * How long a stamp vouches for its form: a page left open over lunch still counts. An older stamp
 * is refused as a stamp (so one captured stamp cannot be replayed for ever) and the signup is
 * treated as one without a stamp, as from a reader with JavaScript off: an old tab is not a bot.
 */
export const STAMP_LIFETIME_MS = 2 * 60 * 60_000;
/** Clock drift allowed between the server that issued a stamp and the one that checks it. */
const CLOCK_SKEW_MS = 60_000;

function mac(secret: string, issuedAt: number): string {
  return createHmac('sha256', secret).update(`form-stamp:${issuedAt}`).digest('base64url');
}

/** `<issued at ms>.<HMAC>`: proves the server issued the form at that time. */
export function signFormStamp(secret: string, issuedAt: number): string {
  return `${issuedAt}.${mac(secret, issuedAt)}`;
}

/**
 * `missing`: no stamp (JavaScript off); `expired`: ours but past its lifetime, worth no more than
 * a missing one; `forged`: not ours; `too-fast`: ours but sent sooner than a person could.
 */
export type StampVerdict = 'ok' | 'missing' | 'expired' | 'forged' | 'too-fast';

/** Whether a submitted stamp is ours, still alive, and old enough for a person to have filled the form. */
export function checkFormStamp(secret: string, stamp: unknown, now: number): StampVerdict {
  if (typeof stamp !== 'string' || stamp === '') return 'missing';
  const match = /^(\d{1,15})\.([\w-]{43})$/.exec(stamp);
  if (!match) return 'forged';
  const issuedAt = Number(match[1]);
  const expected = Buffer.from(mac(secret, issuedAt));
  const given = Buffer.from(match[2]!);
  if (!timingSafeEqual(expected, given)) return 'forged';
  if (issuedAt > now + CLOCK_SKEW_MS) return 'forged';
  const age = now - issuedAt;
  if (age > STAMP_LIFETIME_MS) return 'expired';
  return age < MIN_FILL_MS ? 'too-fast' : 'ok';
}
