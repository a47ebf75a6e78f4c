import { describe, expect, it } from 'vitest';
import {
  cookieValue,
  LEAD_COOKIE,
  LEAD_COOKIE_TTL_MS,
  leadCookie,
  leadOfRequest,
  openLeadCookie,
  sealLeadCookie,
} from '../../src/leads/lead-cookie.ts';
import { sealDownloadCookie } from '../../src/leads/link-token.ts';

const SECRET = 'a-test-secret-of-at-least-32-characters!!';
const NOW = Date.UTC(2026, 11, 2, 12);

const valueOf = (setCookie: string) => setCookie.slice(LEAD_COOKIE.length + 1, setCookie.indexOf(';'));

describe('the lead cookie', () => {
  it('round-trips its claims and looks the same for every lead', () => {
    const claims = { leadId: 42, since: NOW - 1000, expiresAt: NOW + 1000 };
    const sealed = sealLeadCookie(SECRET, claims);
    expect(openLeadCookie(SECRET, sealed, NOW)).toEqual(claims);
    expect(sealLeadCookie(SECRET, { leadId: 0, since: NOW, expiresAt: NOW + 1 })).toHaveLength(sealed.length);
    expect(sealLeadCookie(SECRET, claims)).not.toBe(sealed);
  });

  it.each([
    ['expired', sealLeadCookie(SECRET, { leadId: 42, since: NOW - 10, expiresAt: NOW })],
    ['sealed with another secret', sealLeadCookie(`${SECRET}?`, { leadId: 42, since: NOW, expiresAt: NOW + 1000 })],
    ['a download cookie', sealDownloadCookie(SECRET, { leadId: 42, magnet: 'x', expiresAt: NOW + 1000 })],
    ['tampered', sealLeadCookie(SECRET, { leadId: 42, since: NOW, expiresAt: NOW + 1000 }).replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))],
    ['empty', ''],
    ['missing', undefined],
    ['not base64url', '!'.repeat(64)],
  ])('is refused when %s', (_case, value) => {
    expect(openLeadCookie(SECRET, value, NOW)).toBeUndefined();
  });

  it('is set for the whole site, HttpOnly, for 90 days, Secure over https only', () => {
    const set = leadCookie(SECRET, 7, undefined, NOW, true);
    expect(set).toMatch(/^lodestone_lead=[\w-]+; Path=\/; Max-Age=7776000; HttpOnly; SameSite=Lax; Secure$/);
    expect(leadCookie(SECRET, 7, undefined, NOW, false)).not.toContain('Secure');
    expect(openLeadCookie(SECRET, valueOf(set), NOW)).toEqual({ leadId: 7, since: NOW, expiresAt: NOW + LEAD_COOKIE_TTL_MS });
  });

  it('keeps when the browser first signed up as the same lead, and starts again for another', () => {
    const previous = { leadId: 7, since: NOW - 5000, expiresAt: NOW + 1000 };
    expect(openLeadCookie(SECRET, valueOf(leadCookie(SECRET, 7, previous, NOW, false)), NOW)?.since).toBe(NOW - 5000);
    expect(openLeadCookie(SECRET, valueOf(leadCookie(SECRET, 8, previous, NOW, false)), NOW)?.since).toBe(NOW);
  });

  it('is read from a Cookie header among others', () => {
    const value = valueOf(leadCookie(SECRET, 9, undefined, NOW, false));
    expect(cookieValue(`a=1; ${LEAD_COOKIE}=${value}; b=2`, LEAD_COOKIE)).toBe(value);
    expect(cookieValue('a=1', LEAD_COOKIE)).toBeUndefined();
    expect(cookieValue(null, LEAD_COOKIE)).toBeUndefined();
    expect(leadOfRequest(SECRET, new Headers({ cookie: `${LEAD_COOKIE}=${value}` }), NOW)?.leadId).toBe(9);
    expect(leadOfRequest(SECRET, new Headers(), NOW)).toBeUndefined();
  });
});
