import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineHashes } from '../../src/ops/security-headers.ts';
import { startAppServer, type AppServer } from '../support/app-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { TEST_SECRET } from '../support/signup-client.ts';

/** The policy's sources for one directive. */
function sources(policy: string | null, directive: string): string[] {
  const found = policy
    ?.split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([name]) => name === directive);
  return found?.slice(1) ?? [];
}

describe('security headers on every answer', () => {
  let database: TestDatabase;
  let server: AppServer;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    server = await startAppServer({ DATABASE_URL: database.url, LODESTONE_SECRET: TEST_SECRET, SITE_URL: 'https://lodestone.example' });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const request = (path: string, init?: RequestInit) => fetch(`${server.base}${path}`, init);

  it.each([
    ['a built page', '/', 200],
    ['an article', '/articles/cost-per-lead-and-roi/', 200],
    ['a landing page with its own inline script', '/lp/lead-scoring/google-search/', 200],
    ['a page nobody built (404)', '/no-such-page/', 404],
    ['a page rendered on request', '/admin/login', 200],
    ['an endpoint', '/api/form-stamp', 200],
    ['the health check', '/healthz', 200],
  ])('%s: %s', async (_, path, status) => {
    const response = await request(path);
    expect(response.status).toBe(status);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const policy = response.headers.get('content-security-policy');
    expect(sources(policy, 'frame-ancestors')).toEqual(["'none'"]);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    // Every inline script and style the page really carries is allowed by hash.
    if (response.headers.get('content-type')?.startsWith('text/html')) {
      const { scripts, styles } = inlineHashes(await response.text());
      expect(sources(policy, 'script-src')).toEqual(expect.arrayContaining(scripts));
      expect(sources(policy, 'style-src')).toEqual(expect.arrayContaining(styles));
    }
  });

  it('the signup endpoint answered straight from Node carries them too', async () => {
    const response = await request('/api/leads', {
      method: 'POST',
      headers: { Origin: 'https://lodestone.example', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sources(response.headers.get('content-security-policy'), 'frame-ancestors')).toEqual(["'none'"]);
  });

  it('the form page a signup without JavaScript gets back (422) allows its own inline scripts', async () => {
    const response = await request('/api/leads', {
      method: 'POST',
      headers: { Origin: 'https://lodestone.example', 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
      body: 'email=not-an-address&form=newsletter&page=%2F',
    });
    expect(response.status).toBe(422);
    const policy = response.headers.get('content-security-policy');
    const { scripts } = inlineHashes(await response.text());
    expect(sources(policy, 'script-src')).toEqual(expect.arrayContaining(scripts));
  });
});
