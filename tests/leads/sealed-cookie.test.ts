import { describe, expect, it } from 'vitest';
import { openCookieValue, sealCookieValue } from '../../src/leads/sealed-cookie.ts';

const SECRET = 'a-test-secret-of-at-least-32-characters!!';
const NONCE_CHARS = 16; // 12 bytes of nonce as base64url

describe('sealed cookie values', () => {
  it('never reuse a nonce, across the blocks of random bytes nonces are cut from', () => {
    const plaintext = Buffer.from('the same plaintext every time');
    // 1,000 values span several 256-nonce blocks; a repeated nonce under one key breaks AES-GCM.
    const nonces = new Set(Array.from({ length: 1000 }, () => sealCookieValue(SECRET, 'test', plaintext).slice(0, NONCE_CHARS)));
    expect(nonces.size).toBe(1000);
  });

  it('open only under the key they were sealed with', () => {
    const plaintext = Buffer.from('twelve bytes');
    const sealed = sealCookieValue(SECRET, 'one', plaintext);
    expect(openCookieValue(SECRET, 'one', sealed, plaintext.byteLength)).toEqual(plaintext);
    expect(openCookieValue(SECRET, 'two', sealed, plaintext.byteLength)).toBeUndefined();
    expect(openCookieValue(`${SECRET}?`, 'one', sealed, plaintext.byteLength)).toBeUndefined();
  });
});
