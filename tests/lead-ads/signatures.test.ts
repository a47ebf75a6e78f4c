import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyMetaSignature, verifyTikTokSignature } from '../../src/lead-ads/signatures.ts';

const SECRET = 'app-secret';
const BODY = '{"object":"page","entry":[]}';
const hmac = (key: string, text: string) => createHmac('sha256', key).update(text).digest('hex');

describe('Meta’s X-Hub-Signature-256', () => {
  it.each([
    ['the HMAC of the body under the app secret', `sha256=${hmac(SECRET, BODY)}`, true],
    ['the same in upper-case hex', `sha256=${hmac(SECRET, BODY).toUpperCase()}`, true],
    ['the HMAC under another secret', `sha256=${hmac('other', BODY)}`, false],
    ['the HMAC of another body', `sha256=${hmac(SECRET, `${BODY} `)}`, false],
    ['a SHA-1 signature', `sha1=${createHmac('sha1', SECRET).update(BODY).digest('hex')}`, false],
    ['a cut signature', `sha256=${hmac(SECRET, BODY).slice(0, 40)}`, false],
    ['no header', null, false],
  ])('%s → %s', (_, header, ok) => {
    expect(verifyMetaSignature(SECRET, new TextEncoder().encode(BODY), header)).toBe(ok);
  });
});

describe('TikTok’s TikTok-Signature', () => {
  const now = 1_764_700_000_000;
  const t = now / 1000;
  it.each([
    ['t and s over "t.body"', `t=${t},s=${hmac(SECRET, `${t}.${BODY}`)}`, true],
    ['four minutes old', `t=${t - 240},s=${hmac(SECRET, `${t - 240}.${BODY}`)}`, true],
    ['six minutes old', `t=${t - 360},s=${hmac(SECRET, `${t - 360}.${BODY}`)}`, false],
    ['a timestamp changed after signing', `t=${t + 1},s=${hmac(SECRET, `${t}.${BODY}`)}`, false],
    ['the body alone signed', `t=${t},s=${hmac(SECRET, BODY)}`, false],
    ['another secret', `t=${t},s=${hmac('other', `${t}.${BODY}`)}`, false],
    ['no timestamp', `s=${hmac(SECRET, `${t}.${BODY}`)}`, false],
    ['no header', null, false],
  ])('%s → %s', (_, header, ok) => {
    expect(verifyTikTokSignature(SECRET, BODY, header, now).ok).toBe(ok);
  });
});
