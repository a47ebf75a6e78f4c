import { domainToASCII } from 'node:url';

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

export type AddressCheck = { ok: true; address: string } | { ok: false; message: string };

/**
 * Checks an address's syntax and returns its normalised form: trimmed, lower-cased, with an
 * internationalised domain in its ASCII (punycode) form so one mailbox has one spelling. The part
 * before the @ must be ASCII: most mail servers refuse anything else.
 */
export function normalizeEmail(input: string): AddressCheck {
  const value = input.trim();
  if (!value) return { ok: false, message: 'Enter your email address.' };
  if (value.length > 254) return { ok: false, message: 'This address is too long.' };
  const at = value.lastIndexOf('@');
  if (at < 1 || at === value.length - 1) return { ok: false, message: 'Enter an address like name@example.com.' };
  const local = value.slice(0, at);
  const domain = domainToASCII(value.slice(at + 1).toLowerCase());
  if (local.length > 64 || !LOCAL_PART.test(local)) {
    return { ok: false, message: 'Use only plain letters, digits and . _ + - before the @.' };
  }
  if (!domain || !DOMAIN.test(domain)) return { ok: false, message: 'The part after the @ is not a valid domain.' };
  return { ok: true, address: `${local.toLowerCase()}@${domain}` };
}
