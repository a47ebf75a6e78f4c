import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/db/database-url.ts';

describe('parseDatabaseUrl', () => {
  it.each([
    [undefined, { engine: 'sqlite', path: resolve('data/lodestone.db') }],
    ['file:./other.db', { engine: 'sqlite', path: resolve('other.db') }],
    ['file:/var/lib/lodestone/leads.db', { engine: 'sqlite', path: '/var/lib/lodestone/leads.db' }],
    ['file:///var/lib/leads.db', { engine: 'sqlite', path: '/var/lib/leads.db' }],
    ['postgres://app@db:5432/leads', { engine: 'postgres', url: 'postgres://app@db:5432/leads' }],
    ['postgresql://app@db/leads', { engine: 'postgres', url: 'postgresql://app@db/leads' }],
  ])('%j', (value, expected) => {
    expect(parseDatabaseUrl(value)).toEqual(expected);
  });

  it.each(['mysql://db/leads', 'leads.db', 'file:'])('refuses %j naming DATABASE_URL', (value) => {
    expect(() => parseDatabaseUrl(value)).toThrow(/DATABASE_URL/);
  });
});
