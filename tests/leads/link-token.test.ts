import { describe, expect, it } from 'vitest';
import { signLinkToken, verifyLinkToken, type LinkClaims } from '../../src/leads/link-token.ts';

const SECRET = 'link-token-secret-link-token-secret-0123';
const NOW = 1_800_000_000_000;
const claims: LinkClaims = { purpose: 'download', leadId: 42, magnet: 'lead-scoring-worksheet', expiresAt: NOW + 7 * 86_400_000 };
const token = signLinkToken(SECRET, claims);

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
    ['the signature is cut short', token.slice(0, -1)],
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
});
