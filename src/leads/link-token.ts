import { createHmac, timingSafeEqual } from 'node:crypto';

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

/** The cookie that carries a just-captured lead's download to the thank-you page (single opt-in only). */
export function downloadCookie(secret: string, leadId: number, magnet: string, now: number, secure: boolean): string {
  const token = signLinkToken(secret, { purpose: 'download', leadId, magnet, expiresAt: now + THANKS_DOWNLOAD_TTL_MS });
  return `${DOWNLOAD_COOKIE}=${token}; Path=/download/; Max-Age=${THANKS_DOWNLOAD_TTL_MS / 1000}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
