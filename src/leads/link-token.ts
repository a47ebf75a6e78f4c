import { createHmac, timingSafeEqual } from 'node:crypto';
import { openCookieValue, sealCookieValue } from './sealed-cookie.ts';

/** What a signed link lets its holder do; a token made for one purpose is refused for another. */
export type LinkPurpose = 'download' | 'confirm' | 'unsubscribe';

export interface LinkClaims {
  purpose: LinkPurpose;
  leadId: number;
  /** The magnet the link is for (`all` for an unsubscribe link). */
  magnet: string;
  /** Epoch milliseconds after which the link is expired (but still recognised as ours). */
  expiresAt: number;
}

export type LinkVerdict =
  | { ok: true; claims: LinkClaims }
  /** `expired`: signed by us, so the lead and magnet are known and a fresh link can be offered. */
  | { ok: false; reason: 'expired'; claims: LinkClaims }
  /** `invalid`: malformed, tampered, another purpose or another secret; says nothing more. */
  | { ok: false; reason: 'invalid' };

const PREFIX: Record<LinkPurpose, string> = { download: 'd', confirm: 'c', unsubscribe: 'u' };
const SHAPE = /^([dcu])\.([1-9]\d{0,15})\.([a-z0-9]+(?:-[a-z0-9]+)*)\.([1-9]\d{0,12})\.([\w-]{22})$/;

function mac(secret: string, body: string): string {
  // 128 bits of HMAC-SHA256 keep links short and are far beyond guessing.
  return createHmac('sha256', secret).update(`link:${body}`).digest().subarray(0, 16).toString('base64url');
}

/**
 * `<purpose>.<lead id>.<magnet>.<expiry in seconds>.<MAC>`: binds the lead, the magnet and the
 * expiry to the server's secret, so changing any part of it breaks the signature.
 */
export function signLinkToken(secret: string, claims: LinkClaims): string {
  const body = `${PREFIX[claims.purpose]}.${claims.leadId}.${claims.magnet}.${Math.ceil(claims.expiresAt / 1000)}`;
  return `${body}.${mac(secret, body)}`;
}

/** Checks the signature first, so a token with an edited expiry is invalid, never merely expired. */
export function verifyLinkToken(secret: string, token: string, purpose: LinkPurpose, now: number): LinkVerdict {
  const match = SHAPE.exec(token);
  if (!match || match[1] !== PREFIX[purpose]) return { ok: false, reason: 'invalid' };
  const body = token.slice(0, token.lastIndexOf('.'));
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(match[5]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  const claims: LinkClaims = { purpose, leadId: Number(match[2]), magnet: match[3]!, expiresAt: Number(match[4]) * 1000 };
  return claims.expiresAt <= now ? { ok: false, reason: 'expired', claims } : { ok: true, claims };
}

/** How long a download link in an email works. */
export const DOWNLOAD_LINK_TTL_MS = 7 * 86_400_000;
/** How long a double opt-in confirmation link works. */
export const CONFIRM_LINK_TTL_MS = 7 * 86_400_000;
/** What a confirmation link names instead of a magnet when it confirms a newsletter signup (as unsubscribe links name `all`). */
export const NEWSLETTER_LINK = 'newsletter';
/** Unsubscribe links must keep working long after the email was sent. */
export const UNSUBSCRIBE_LINK_TTL_MS = 5 * 365 * 86_400_000;

/** The unsubscribe link of every marketing email to a lead. */
export function unsubscribeToken(secret: string, leadId: number, now: number): string {
  return signLinkToken(secret, { purpose: 'unsubscribe', leadId, magnet: 'all', expiresAt: now + UNSUBSCRIBE_LINK_TTL_MS });
}

/** The name of the short-lived cookie that lets the thank-you page offer the download at once. */
export const DOWNLOAD_COOKIE = 'lodestone_download';
/** How long the thank-you page's download stays available. */
export const THANKS_DOWNLOAD_TTL_MS = 60 * 60_000;

/** What the download cookie holds; `leadId` 0 means the signup stored no lead (a bot answered like a success). */
export interface DownloadCookieClaims {
  leadId: number;
  magnet: string;
  expiresAt: number;
}

/** Longest magnet slug (the signup schema's cap); shorter ones are padded, so every cookie has one length. */
const SLUG_BYTES = 80;
const PLAINTEXT_BYTES = 8 + 8 + SLUG_BYTES;
const DOWNLOAD_COOKIE_KEY = 'download-cookie v1';

/**
 * The cookie's value: lead id, expiry and magnet, sealed (see sealed-cookie.ts) and padded to one
 * length. A reader sees the same number of random-looking characters whether the address was new,
 * known, confirmed or not, or the signup was taken for a bot's: nothing in it counts leads or tells them apart.
 */
export function sealDownloadCookie(secret: string, claims: DownloadCookieClaims): string {
  const slug = Buffer.from(claims.magnet, 'utf8');
  if (slug.byteLength > SLUG_BYTES) throw new Error(`magnet slug "${claims.magnet}" is longer than ${SLUG_BYTES} bytes`);
  const plaintext = Buffer.alloc(PLAINTEXT_BYTES);
  plaintext.writeBigUInt64BE(BigInt(claims.leadId), 0);
  plaintext.writeBigUInt64BE(BigInt(claims.expiresAt), 8);
  slug.copy(plaintext, 16);
  return sealCookieValue(secret, DOWNLOAD_COOKIE_KEY, plaintext);
}

export type DownloadCookieVerdict = { ok: true; claims: DownloadCookieClaims } | { ok: false; reason: 'invalid' | 'expired' };

/** Opens a download cookie: tampered, foreign or malformed is `invalid`; ours but old is `expired`. */
export function openDownloadCookie(secret: string, value: string, now: number): DownloadCookieVerdict {
  const plaintext = openCookieValue(secret, DOWNLOAD_COOKIE_KEY, value, PLAINTEXT_BYTES);
  if (!plaintext) return { ok: false, reason: 'invalid' };
  const slugEnd = plaintext.indexOf(0, 16);
  const claims: DownloadCookieClaims = {
    leadId: Number(plaintext.readBigUInt64BE(0)),
    expiresAt: Number(plaintext.readBigUInt64BE(8)),
    magnet: plaintext.subarray(16, slugEnd === -1 ? undefined : slugEnd).toString('utf8'),
  };
  return claims.expiresAt <= now ? { ok: false, reason: 'expired' } : { ok: true, claims };
}

/**
 * The `Set-Cookie` that carries a magnet signup's download to the thank-you page. Every accepted
 * magnet signup gets one, so the answer looks the same for everyone; the download route decides
 * whether it opens the file (double opt-in waits for the confirmation).
 */
export function downloadCookie(secret: string, leadId: number, magnet: string, now: number, secure: boolean): string {
  const value = sealDownloadCookie(secret, { leadId, magnet, expiresAt: now + THANKS_DOWNLOAD_TTL_MS });
  return `${DOWNLOAD_COOKIE}=${value}; Path=/download/; Max-Age=${THANKS_DOWNLOAD_TTL_MS / 1000}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
