import { describe, expect, it } from 'vitest';
import {
  CONFIRM_LINK_TTL_MS,
  DOWNLOAD_LINK_TTL_MS,
  downloadCookie,
  openDownloadCookie,
  sealDownloadCookie,
  signLinkToken,
  THANKS_DOWNLOAD_TTL_MS,
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

describe('link lifetimes', () => {
  it.each([
    ['a download link in an email', DOWNLOAD_LINK_TTL_MS, 7 * DAY],
    ['a double opt-in confirmation link', CONFIRM_LINK_TTL_MS, 7 * DAY],
  ])('%s works for a week', (_, ttl, week) => {
    expect(ttl).toBe(week);
  });
});

describe('the download cookie', () => {
  const cookieClaims = { leadId: 42, magnet: 'lead-scoring-worksheet', expiresAt: NOW + THANKS_DOWNLOAD_TTL_MS };
  const value = (setCookie: string) => /^lodestone_download=([^;]+);/.exec(setCookie)![1]!;

  it('round-trips lead, magnet and expiry, and names none of them in the clear', () => {
    const sealed = sealDownloadCookie(SECRET, cookieClaims);
    expect(openDownloadCookie(SECRET, sealed, NOW)).toEqual({ ok: true, claims: cookieClaims });
    // Not in the text, nor in the bytes (the text is random base64url, so a chance "42" in it would prove nothing).
    const bytes = Buffer.from(sealed, 'base64url');
    expect(sealed).not.toContain('lead-scoring');
    expect(bytes.includes(Buffer.from('lead-scoring'))).toBe(false);
    expect(bytes.includes(Buffer.from([0, 0, 0, 0, 0, 0, 0, 42]))).toBe(false);
  });

  it.each([
    ['lead 1 and lead 2', [1, 'a'], [2, 'a']],
    ['lead 7 and lead 123456789', [7, 'lead-scoring-worksheet'], [123_456_789, 'lead-scoring-worksheet']],
    ['a stored lead and none (a bot answered like a success)', [3, 'message-match-checklist'], [0, 'message-match-checklist']],
    ['a short and a long magnet slug', [3, 'a'], [3, 'x'.repeat(80)]],
  ] as const)('has one length and shape for %s, and differs every time', (_, [leadA, magnetA], [leadB, magnetB]) => {
    const first = downloadCookie(SECRET, leadA, magnetA, NOW, true);
    const second = downloadCookie(SECRET, leadB, magnetB, NOW, true);
    const shape = (cookie: string) => cookie.replace(/=[\w-]+;/, '=…;');
    expect(shape(first)).toBe(shape(second));
    expect(value(first)).toHaveLength(value(second).length);
    expect(value(first)).toMatch(/^[\w-]{166}$/);
    expect(value(downloadCookie(SECRET, leadA, magnetA, NOW, true))).not.toBe(value(first));
  });

  it('sets a short-lived, script-proof cookie for the download path only', () => {
    expect(downloadCookie(SECRET, 1, 'a', NOW, true)).toMatch(
      /^lodestone_download=[\w-]{166}; Path=\/download\/; Max-Age=3600; HttpOnly; SameSite=Lax; Secure$/,
    );
    expect(downloadCookie(SECRET, 1, 'a', NOW, false)).toMatch(
      /^lodestone_download=[\w-]{166}; Path=\/download\/; Max-Age=3600; HttpOnly; SameSite=Lax$/,
    );
  });

  it.each([
    ['at once', NOW, true],
    ['59 minutes later', NOW + 59 * 60_000, true],
    ['an hour later', NOW + THANKS_DOWNLOAD_TTL_MS, false],
  ])('opens the download of the thank-you page %s: %s', (_, now, ok) => {
    const opened = openDownloadCookie(SECRET, value(downloadCookie(SECRET, 42, 'lead-scoring-worksheet', NOW, true)), now);
    expect(opened).toEqual(ok ? { ok: true, claims: cookieClaims } : { ok: false, reason: 'expired' });
  });

  it.each<[string, string, number]>([
    ['a slug of 80 characters, the longest the signup accepts', 'x'.repeat(80), 7],
    ['a one-letter slug', 'a', 7],
    ['lead 0 (a bot answered like a success)', 'message-match-checklist', 0],
    ['the largest lead id', 'all', Number.MAX_SAFE_INTEGER],
  ])('round-trips %s', (_, magnet, leadId) => {
    const claimsOf = { leadId, magnet, expiresAt: NOW + THANKS_DOWNLOAD_TTL_MS };
    expect(openDownloadCookie(SECRET, sealDownloadCookie(SECRET, claimsOf), NOW)).toEqual({ ok: true, claims: claimsOf });
  });

  it.each([
    ['81 characters', 'x'.repeat(81)],
    ['41 two-byte characters (82 bytes)', 'é'.repeat(41)],
  ])('refuses to seal a magnet slug of %s: it would not fit the padding', (_, magnet) => {
    expect(() => sealDownloadCookie(SECRET, { leadId: 1, magnet, expiresAt: NOW })).toThrow(`magnet slug "${magnet}" is longer than 80 bytes`);
  });

  it('opens a cookie sealed before a deploy: the key derivation and layout stay put', () => {
    const sealedByTheLastRelease =
      'ZM3GVUbzg5-GSsZU5nAu8UNQ9LWQFsqrI1SOWqIGfjmecG9H7d_cxFqvJsffEaS0mZAOLndPKjRV0lbxEnlUJDnBXkO-uKTSC9Z8M2Vn-r0-ZVJGvOmbUxq-JWFEAOL04Bf-hrLfxtqjsros-Ms4CELXh9P8ne6MGwsCQQ';
    expect(openDownloadCookie(SECRET, sealedByTheLastRelease, NOW)).toEqual({ ok: true, claims: cookieClaims });
  });

  const sealed = sealDownloadCookie(SECRET, cookieClaims);
  const flipped = (at: number) => {
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[at]! ^= 1;
    return bytes.toString('base64url');
  };
  it.each([
    ['a flipped nonce bit', flipped(0)],
    ['a flipped ciphertext bit', flipped(20)],
    ['a changed padding byte after the slug', flipped(12 + 16 + 60)],
    ['a flipped tag bit', flipped(123)],
    ['a value cut short', sealed.slice(0, -2)],
    ['an old signed download link', signLinkToken(SECRET, claims)],
    ['an empty value', ''],
  ])('refuses %s', (_, tampered) => {
    expect(openDownloadCookie(SECRET, tampered, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a cookie sealed with another secret', () => {
    expect(openDownloadCookie('another-secret-another-secret-another-1', sealed, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it.each([
    ['one millisecond before expiry', cookieClaims.expiresAt - 1, true],
    ['at the expiry', cookieClaims.expiresAt, false],
  ])('%s: open is %s', (_, now, ok) => {
    expect(openDownloadCookie(SECRET, sealed, now)).toEqual(ok ? { ok: true, claims: cookieClaims } : { ok: false, reason: 'expired' });
  });
});
