import { describe, expect, it } from 'vitest';
import { sameSitePath } from '../../src/leads/back-link.ts';

describe('sameSitePath', () => {
  it.each([['/'], ['/articles/lead-scoring-with-bant/'], ['/lp/crm-demo/meta-a/?utm_source=meta'], ['/articles/caf%C3%A9/'], ['/magnets/#form']])(
    'keeps %s',
    (path) => {
      expect(sameSitePath(path)).toBe(path);
    },
  );

  it.each([
    ['a protocol-relative URL', '//evil.com'],
    ['a backslash after the slash', '/\\evil.com'],
    ['backslashes only', '\\\\evil.com'],
    ['an encoded tab before a second slash', '/%09/evil.com'],
    ['a raw tab before a second slash', '/\t/evil.com'],
    ['an encoded newline', '/%0a/evil.com'],
    ['an encoded carriage return', '/%0D//evil.com'],
    ['an encoded slash making //', '/%2F/evil.com'],
    ['an encoded slash, upper case', '/%2f%2fevil.com'],
    ['an encoded backslash', '/%5Cevil.com'],
    ['an encoded space', '/%20/evil.com'],
    ['a raw space', '/ /evil.com'],
    ['a line separator', '/\u2028/evil.com'],
    ['a NUL byte', '/%00/evil.com'],
    ['an absolute URL', 'https://evil.com/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'articles/'],
    ['broken percent-encoding', '/%E0%A4%A'],
    ['an empty value', ''],
    ['a value that is not text', ['/']],
    ['no value', undefined],
    ['a path longer than 300 characters', `/${'a'.repeat(300)}`],
  ])('refuses %s', (_, value) => {
    expect(sameSitePath(value)).toBeUndefined();
  });
});
