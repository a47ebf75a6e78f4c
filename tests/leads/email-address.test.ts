import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../src/leads/email-address.ts';

describe('normalizeEmail', () => {
  it.each([
    ['ann@example.com', 'ann@example.com'],
    ['  Ann.Lee+news@Example.COM ', 'ann.lee+news@example.com'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['joerg@bücher.de', 'joerg@xn--bcher-kva.de'],
    ['someone@xn--bcher-kva.de', 'someone@xn--bcher-kva.de'],
    ['a@sub.domain.example.org', 'a@sub.domain.example.org'],
  ])('accepts %j as %s', (input, address) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, address });
  });

  it.each([
    [''],
    ['plainaddress'],
    ['@example.com'],
    ['ann@'],
    ['ann@localhost'],
    ['ann@example'],
    ['ann..lee@example.com'],
    ['.ann@example.com'],
    ['ann lee@example.com'],
    ['ann@exa mple.com'],
    ['😀@example.com'],
    ['jörg@example.com'],
    ['<script>@example.com'],
    ['ann@example.com\r\nBcc: x@example.com'],
    ['"quoted"@example.com'],
    [`${'a'.repeat(65)}@example.com`],
    [`a@${'b'.repeat(250)}.com`],
  ])('refuses %j', (input) => {
    const result = normalizeEmail(input);
    expect(result.ok).toBe(false);
  });
});
