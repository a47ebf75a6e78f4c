import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../src/leads/email-address.ts';

/** The longest address there can be: 254 characters, a 64-character local part, labels of at most 63. */
const LONGEST = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;

describe('normalizeEmail', () => {
  it.each([
    ['ann@example.com', 'ann@example.com'],
    ['  Ann.Lee+news@Example.COM ', 'ann.lee+news@example.com'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['joerg@bücher.de', 'joerg@xn--bcher-kva.de'],
    ['someone@xn--bcher-kva.de', 'someone@xn--bcher-kva.de'],
    ['ann@пример.рф', 'ann@xn--e1afmkfd.xn--p1ai'],
    ['a@sub.domain.example.org', 'a@sub.domain.example.org'],
    ['ann@x.com', 'ann@x.com'],
    [`${'a'.repeat(64)}@example.com`, `${'a'.repeat(64)}@example.com`],
    [`ann@${'b'.repeat(63)}.com`, `ann@${'b'.repeat(63)}.com`],
    [LONGEST, LONGEST],
  ])('accepts %j as %s', (input, address) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, address });
  });

  const EMPTY = 'Enter your email address.';
  const TOO_LONG = 'This address is too long.';
  const NO_AT = 'Enter an address like name@example.com.';
  const LOCAL = 'Use only plain letters, digits and . _ + - before the @.';
  const DOMAIN = 'The part after the @ is not a valid domain.';

  it.each([
    ['', EMPTY],
    ['   ', EMPTY],
    [`${LONGEST}x`, TOO_LONG],
    [`a@${'b'.repeat(250)}.com`, TOO_LONG],
    ['plainaddress', NO_AT],
    ['@example.com', NO_AT],
    ['ann@', NO_AT],
    ['ann..lee@example.com', LOCAL],
    ['.ann@example.com', LOCAL],
    ['ann.@example.com', LOCAL],
    ['ann lee@example.com', LOCAL],
    ['😀@example.com', LOCAL],
    ['jörg@example.com', LOCAL],
    ['<script>@example.com', LOCAL],
    ['ann@example.com\r\nBcc: x@example.com', LOCAL],
    ['"quoted"@example.com', LOCAL],
    [`${'a'.repeat(65)}@example.com`, LOCAL],
    ['ann@localhost', DOMAIN],
    ['ann@example', DOMAIN],
    ['ann@exa mple.com', DOMAIN],
    ['ann@example..com', DOMAIN],
    ['ann@-example.com', DOMAIN],
    ['ann@example-.com', DOMAIN],
    ['ann@example.com1', DOMAIN],
    ['ann@example.c', DOMAIN],
    ['ann@xn--.com', DOMAIN],
    [`ann@${'b'.repeat(64)}.com`, DOMAIN],
  ])('refuses %j: %s', (input, message) => {
    expect(normalizeEmail(input)).toEqual({ ok: false, message });
  });
});
