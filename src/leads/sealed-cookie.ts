import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Nonces are cut from a block of random bytes drawn 256 at a time: one call to the CSPRNG per 256 cookies. */
const NONCE_BLOCK_BYTES = NONCE_BYTES * 256;
let nonces = Buffer.alloc(0);
let nextNonce = 0;
const keys = new Map<string, KeyObject>();

/**
 * A cookie's own key, derived from the server secret and the cookie's name, so no key doubles for
 * another cookie or for the HMAC of links. Kept as a KeyObject: a cipher made from a Buffer key
 * imports the key again every time, which cost more than the encryption itself.
 */
function keyOf(secret: string, info: string): KeyObject {
  const id = `${info}\0${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = createSecretKey(Buffer.from(hkdfSync('sha256', secret, 'lodestone', info, 32)));
    keys.set(id, key);
  }
  return key;
}

/** A fresh random nonce, never handed out twice. */
function freshNonce(): Buffer {
  if (nextNonce + NONCE_BYTES > nonces.byteLength) {
    nonces = randomBytes(NONCE_BLOCK_BYTES);
    nextNonce = 0;
  }
  nextNonce += NONCE_BYTES;
  return nonces.subarray(nextNonce - NONCE_BYTES, nextNonce);
}

/**
 * AES-256-GCM of `plaintext` under the key `info` names, as base64url: nonce, ciphertext, tag. Its
 * holder can neither read nor change what it says; a fixed-length plaintext makes every value look alike.
 */
export function sealCookieValue(secret: string, info: string, plaintext: Buffer): string {
  const nonce = freshNonce();
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret, info), nonce);
  return Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]).toString('base64url');
}

/** The plaintext of a value sealCookieValue() made with the same secret and `info`, or undefined for anything else. */
export function openCookieValue(secret: string, info: string, value: string, plaintextBytes: number): Buffer | undefined {
  const length = Math.ceil(((NONCE_BYTES + plaintextBytes + TAG_BYTES) * 4) / 3);
  if (value.length !== length || !/^[\w-]+$/.test(value)) return undefined;
  const sealed = Buffer.from(value, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secret, info), sealed.subarray(0, NONCE_BYTES));
  decipher.setAuthTag(sealed.subarray(sealed.byteLength - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.byteLength - TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
}
