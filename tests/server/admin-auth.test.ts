import { describe, expect, it } from 'vitest';
import { ADMIN_ATTEMPTS, basicCredentials } from '../../src/server/admin-auth.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { engines } from '../support/databases.ts';

const PASSWORD = 'admin-password-0123';
const encoded = (credentials: string) => Buffer.from(credentials).toString('base64');

describe('basicCredentials', () => {
  it.each([
    [`Basic ${encoded('admin:secret')}`, 'admin:secret'],
    [`basic ${encoded('admin:secret')}`, 'admin:secret'],
    [`BASIC ${encoded('admin:secret')}`, 'admin:secret'],
    [`bAsIc \t${encoded('admin:pässwörd')} `, 'admin:pässwörd'],
    [null, undefined],
    ['', undefined],
    ['Basic', undefined],
    [`Bearer ${encoded('admin:secret')}`, undefined],
    [`Basic ${encoded('admin:secret')} extra`, undefined],
    ['Basic not*base64', undefined],
  ])('reads %j as %j', (header, expected) => {
    expect(basicCredentials(header)).toBe(expected);
  });
});

describe.each(engines)('the admin password on %s', (engine) => {
  const app = useAppHarness(engine, { ADMIN_PASSWORD: PASSWORD, TRUST_PROXY: '1' });
  /** Each test comes from an address of its own, through the trusted proxy's X-Forwarded-For. */
  const preview = (address: string, credentials?: string, scheme = 'Basic') =>
    fetch(`${app.server.base}/admin/emails/preview/`, {
      headers: { 'X-Forwarded-For': address, ...(credentials ? { Authorization: `${scheme} ${encoded(credentials)}` } : {}) },
    });

  it.each(['Basic', 'basic', 'BASIC'])('lets the admin in with the %s scheme', async (scheme) => {
    expect((await preview('198.51.100.1', `admin:${PASSWORD}`, scheme)).status).toBe(200);
  });

  it('stops an address after ten wrong passwords, even fired at once, and then refuses the right one with 429 and Retry-After', async () => {
    const guesses = await Promise.all(Array.from({ length: 40 }, (_, index) => preview('198.51.100.2', `admin:guess-${index}`)));
    const statuses = guesses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(ADMIN_ATTEMPTS.max);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40 - ADMIN_ATTEMPTS.max);

    const right = await preview('198.51.100.2', `admin:${PASSWORD}`);
    expect(right.status).toBe(429);
    const retryAfter = Number(right.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(ADMIN_ATTEMPTS.windowMs / 1000 - 60);
    expect(retryAfter).toBeLessThanOrEqual(ADMIN_ATTEMPTS.windowMs / 1000);
    expect(await right.text()).toMatch(/^Too many wrong passwords from your address; try again in \d+ minutes\.$/);
    // Another address is not held back by this one.
    expect((await preview('198.51.100.3', `admin:${PASSWORD}`)).status).toBe(200);
  });

  it('never counts the admin’s own visits, nor a visit without credentials', async () => {
    for (let visit = 0; visit < ADMIN_ATTEMPTS.max + 5; visit++) {
      expect((await preview('198.51.100.4', `admin:${PASSWORD}`)).status).toBe(200);
      expect((await preview('198.51.100.4')).status).toBe(401);
    }
    for (let guess = 0; guess < ADMIN_ATTEMPTS.max; guess++) expect((await preview('198.51.100.4', `admin:guess-${guess}`)).status).toBe(401);
    expect((await preview('198.51.100.4', `admin:${PASSWORD}`)).status).toBe(429);
  });
});
