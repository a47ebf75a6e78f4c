import { createHmac, timingSafeEqual } from 'node:crypto';

/** Compares two hex digests in constant time; a different length is simply not equal. */
function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = /^[0-9a-f]+$/i.test(given) ? Buffer.from(given, 'hex') : Buffer.alloc(0);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Meta's `X-Hub-Signature-256`: `sha256=` and the HMAC-SHA256 of the raw body under the app secret, in hex. */
export function metaSignature(appSecret: string, body: Uint8Array | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** Whether `header` is Meta's signature of exactly these bytes. */
export function verifyMetaSignature(appSecret: string, body: Uint8Array | string, header: string | null): boolean {
  const given = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '')?.[1];
  if (!given) return false;
  return sameHex(metaSignature(appSecret, body).slice('sha256='.length), given);
}

/** How far a TikTok signature's timestamp may be from our clock. */
export const TIKTOK_TOLERANCE_S = 300;

/** TikTok's `TikTok-Signature`: `t=<unix seconds>,s=<hex HMAC-SHA256 of "<t>.<raw body>" under the client secret>`. */
export function tiktokSignature(appSecret: string, timestamp: number, body: string): string {
  return `t=${timestamp},s=${createHmac('sha256', appSecret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type TikTokCheck = { ok: true } | { ok: false; reason: string };

/** Checks a `TikTok-Signature` header against the raw body, and its timestamp against `nowMs`. */
export function verifyTikTokSignature(appSecret: string, body: string, header: string | null, nowMs: number): TikTokCheck {
  const parts = new Map(
    (header ?? '').split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = parts.get('t');
  const s = parts.get('s');
  if (!t || !/^\d{1,12}$/.test(t) || !s) return { ok: false, reason: 'missing or malformed TikTok-Signature header' };
  if (!sameHex(tiktokSignature(appSecret, Number(t), body).split(',s=')[1]!, s)) return { ok: false, reason: 'signature does not match' };
  if (Math.abs(nowMs / 1000 - Number(t)) > TIKTOK_TOLERANCE_S) return { ok: false, reason: 'signature timestamp is more than five minutes away' };
  return { ok: true };
}
