import { openCookieValue, sealCookieValue } from './sealed-cookie.ts';
import type { HeaderReader } from '../server/endpoint-answer.ts';

/**
 * The first-party cookie a signup with consent sets: it tells this site's own endpoints which lead
 * the browser belongs to, so the thank-you page's profiling answers join that lead and, with
 * consent, page views count toward its score. HttpOnly and sealed: no script, and no reader of the
 * cookie, can learn the lead's id or whether the address was new.
 */
export const LEAD_COOKIE = 'lodestone_lead';
/** How long the browser stays tied to the lead after its last signup. */
export const LEAD_COOKIE_TTL_MS = 90 * 86_400_000;

export interface LeadCookieClaims {
  /** 0 when the signup stored no lead (a bot answered like a success): nothing is written for it. */
  leadId: number;
  /** When this browser first signed up as this lead: the answers it has given since are the ones it knows. */
  since: number;
  expiresAt: number;
}

const KEY = 'lead-cookie v1';
const PLAINTEXT_BYTES = 24;

export function sealLeadCookie(secret: string, claims: LeadCookieClaims): string {
  const plaintext = Buffer.alloc(PLAINTEXT_BYTES);
  plaintext.writeBigUInt64BE(BigInt(claims.leadId), 0);
  plaintext.writeBigUInt64BE(BigInt(claims.since), 8);
  plaintext.writeBigUInt64BE(BigInt(claims.expiresAt), 16);
  return sealCookieValue(secret, KEY, plaintext);
}

/** The claims of a live lead cookie; undefined for a missing, expired, tampered or foreign one. */
export function openLeadCookie(secret: string, value: string | undefined, now: number): LeadCookieClaims | undefined {
  const plaintext = value ? openCookieValue(secret, KEY, value, PLAINTEXT_BYTES) : undefined;
  if (!plaintext) return undefined;
  const claims = {
    leadId: Number(plaintext.readBigUInt64BE(0)),
    since: Number(plaintext.readBigUInt64BE(8)),
    expiresAt: Number(plaintext.readBigUInt64BE(16)),
  };
  return claims.expiresAt > now ? claims : undefined;
}

/** A cookie's value in a `Cookie` request header, or undefined. */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at !== -1 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** The lead a request's cookie names, if it carries a live one. */
export function leadOfRequest(secret: string, headers: HeaderReader, now: number): LeadCookieClaims | undefined {
  return openLeadCookie(secret, cookieValue(headers.get('cookie'), LEAD_COOKIE), now);
}

/**
 * The `Set-Cookie` of an accepted signup: valid for 90 days on the whole site. A browser that
 * already holds a live cookie for the same lead keeps its `since`, so the answers it gave before count.
 */
export function leadCookie(secret: string, leadId: number, previous: LeadCookieClaims | undefined, now: number, secure: boolean): string {
  const since = previous?.leadId === leadId ? previous.since : now;
  const value = sealLeadCookie(secret, { leadId, since, expiresAt: now + LEAD_COOKIE_TTL_MS });
  return `${LEAD_COOKIE}=${value}; Path=/; Max-Age=${LEAD_COOKIE_TTL_MS / 1000}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
