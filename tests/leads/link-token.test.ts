import { describe, expect, it } from 'vitest';
import {
  CONFIRM_LINK_TTL_MS,
  DOWNLOAD_LINK_TTL_MS,
  downloadCookie,
  signLinkToken,
  unsubscribeToken,
  verifyLinkToken,
  type LinkClaims,
  type LinkPurpose,
} from '../../src/leads/link-token.ts';

const SECRET = 'link-token-secret-link-token-secret-0123';
const NOW = 1_800_000_000_000;
const claims: LinkClaims = { purpose: 'download', leadId: 42, magnet: 'lead-scoring-worksheet', expiresAt: NOW + 7 * 86_400_000 };
const token = signLinkToken(SECRET, claims);

const DAY = 86_400_000;
const signature = token.split('.')[4]!;
/** The signature with the character at `index` swapped for another one. */
const signatureChangedAt = (index: number) => signature.slice(0, index) + (signature[index] === 'A' ? 'B' : 'A') + signature.slice(index + 1);

/** Replaces the dot-separated part at `index` of the token. */
const withPart = (index: number, value: string) =>
  token
    .split('.')
    .map((part, at) => (at === index ? value : part))
    .join('.');

describe('signLinkToken / verifyLinkToken', () => {
  it('round-trips the claims of a valid link', () => {
    expect(token).toMatch(/^d\.42\.lead-scoring-worksheet\.\d+\.[\w-]{22}$/);
    expect(verifyLinkToken(SECRET, token, 'download', NOW)).toEqual({ ok: true, claims });
  });

  it.each([
    ['the lead id changed', withPart(1, '43')],
    ['the magnet changed', withPart(2, 'message-match-checklist')],
    ['the expiry moved later', withPart(3, String(Math.ceil(claims.expiresAt / 1000) + 86_400))],
    [
      'the signature changed',
      withPart(
        4,
        token.split('.')[4]!.replace(/^./, (first) => (first === 'A' ? 'B' : 'A')),
      ),
    ],
    ['the middle of the signature changed', withPart(4, signatureChangedAt(11))],
    ['the last character of the signature changed', withPart(4, signatureChangedAt(21))],
    ['the signature is cut short', token.slice(0, -1)],
    ['the signature has a character more', `${token}A`],
    ['the signature is another token’s', withPart(4, signLinkToken(SECRET, { ...claims, leadId: 43 }).split('.')[4]!)],
    ['the purpose letter changed', withPart(0, 'c')],
    ['it is empty', ''],
    ['it has extra parts', `${token}.x`],
    ['the magnet is not a slug', withPart(2, 'Lead_Scoring')],
  ])('is invalid when %s', (_, tampered) => {
    expect(verifyLinkToken(SECRET, tampered, 'download', NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('is invalid under another secret, even when expired', () => {
    expect(verifyLinkToken('another-secret-another-secret-another-1', token, 'download', NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyLinkToken('another-secret-another-secret-another-1', token, 'download', claims.expiresAt + 1)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('is invalid for another purpose: a confirmation link is not a download link', () => {
    const confirm = signLinkToken(SECRET, { ...claims, purpose: 'confirm' });
    expect(verifyLinkToken(SECRET, confirm, 'download', NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyLinkToken(SECRET, confirm, 'confirm', NOW).ok).toBe(true);
  });

  it.each([
    ['one second before expiry', claims.expiresAt - 1_000, true],
    ['at the expiry', claims.expiresAt, false],
    ['a year later', claims.expiresAt + 365 * 86_400_000, false],
  ])('%s: valid is %s, and an expired link still names its lead and magnet', (_, now, valid) => {
    const verdict = verifyLinkToken(SECRET, token, 'download', now);
    expect(verdict.ok).toBe(valid);
    if (!valid) expect(verdict).toEqual({ ok: false, reason: 'expired', claims });
  });

  it.each([
    ['download', 'd', 1, 'lead-scoring-worksheet'],
    ['confirm', 'c', 1_234_567_890, 'message-match-checklist'],
    ['unsubscribe', 'u', 9_007_199_254_740_991, 'all'],
  ] as const)('round-trips a %s link (prefix %s) for lead %i', (purpose, prefix, leadId, magnet) => {
    const link: LinkClaims = { purpose, leadId, magnet, expiresAt: NOW + DAY };
    const signed = signLinkToken(SECRET, link);
    expect(signed.startsWith(`${prefix}.${leadId}.${magnet}.`)).toBe(true);
    expect(verifyLinkToken(SECRET, signed, purpose, NOW)).toEqual({ ok: true, claims: link });
    for (const other of ['download', 'confirm', 'unsubscribe'] satisfies LinkPurpose[]) {
      if (other !== purpose) expect(verifyLinkToken(SECRET, signed, other, NOW)).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});

describe('unsubscribeToken', () => {
  const unsubscribe = unsubscribeToken(SECRET, 42, NOW);

  it.each([
    ['works the day it is sent', NOW, true],
    ['still works four years later', NOW + 4 * 365 * DAY, true],
    ['still works a second before five years are up', NOW + 5 * 365 * DAY - 1_000, true],
    ['has expired, still naming its lead, five years later', NOW + 5 * 365 * DAY, false],
  ])('a link to leave every sequence (magnet `all`) %s', (_, now, valid) => {
    expect(verifyLinkToken(SECRET, unsubscribe, 'unsubscribe', now)).toEqual({
      ok: valid,
      ...(valid ? {} : { reason: 'expired' }),
      claims: { purpose: 'unsubscribe', leadId: 42, magnet: 'all', expiresAt: NOW + 5 * 365 * DAY },
    });
  });
});

describe('downloadCookie', () => {
  const cookieToken = (cookie: string) => /^lodestone_download=([^;]+);/.exec(cookie)![1]!;

  it.each([
    [false, '; Path=/download/; Max-Age=3600; HttpOnly; SameSite=Lax'],
    [true, '; Path=/download/; Max-Age=3600; HttpOnly; SameSite=Lax; Secure'],
  ])('secure %s: an HttpOnly cookie for /download/ that lasts an hour', (secure, attributes) => {
    const cookie = downloadCookie(SECRET, 42, 'lead-scoring-worksheet', NOW, secure);
    expect(cookie).toBe(`lodestone_download=${cookieToken(cookie)}${attributes}`);
  });

  it('carries a download link for that lead and magnet that expires with the cookie', () => {
    const token = cookieToken(downloadCookie(SECRET, 42, 'lead-scoring-worksheet', NOW, true));
    const claims = { purpose: 'download', leadId: 42, magnet: 'lead-scoring-worksheet', expiresAt: NOW + 3_600_000 };
    expect(verifyLinkToken(SECRET, token, 'download', NOW + 3_599_000)).toEqual({ ok: true, claims });
    expect(verifyLinkToken(SECRET, token, 'download', NOW + 3_600_000)).toEqual({ ok: false, reason: 'expired', claims });
  });
});

describe('link lifetimes', () => {
  it.each([
    ['a download link in an email', DOWNLOAD_LINK_TTL_MS, 7 * DAY],
    ['a double opt-in confirmation link', CONFIRM_LINK_TTL_MS, 7 * DAY],
  ])('%s works for a week', (_, ttl, week) => {
    expect(ttl).toBe(week);
  });
});
