import { describe, expect, it } from 'vitest';
import { maskAddress } from '../../src/nurture/mask-address.ts';

describe('maskAddress', () => {
  it.each([
    ['ann.reader@example.com', 'a***@example.com'],
    ['abc@example.com', 'a***@example.com'],
    ['al@example.com', '***@example.com'],
    ['a@example.com', '***@example.com'],
    ['first.last+news@mail.example.co.uk', 'f***@mail.example.co.uk'],
    ['émile@exemple.fr', 'é***@exemple.fr'],
    ['"odd@local"@example.com', '"***@example.com'],
    ['no-at-sign', '***'],
    ['@example.com', '***'],
    ['ann@', '***'],
    ['', '***'],
  ])('shows %j as %j', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it('hides the length of the part before the @', () => {
    expect(maskAddress('abc@example.com')).toBe(maskAddress('abcdefghijklmnop@example.com'));
  });
});
