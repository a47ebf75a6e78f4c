import { describe, expect, it } from 'vitest';
import { signLinkToken } from '../../src/leads/link-token.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { TEST_SECRET } from '../support/signup-client.ts';

const MAGNET = 'lead-scoring-worksheet';

describe('the download page', () => {
  const app = useAppHarness('sqlite');
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.server.base}${path}`, { headers, redirect: 'manual' });

  it.each([
    ['no cookie', {}],
    ['a cookie that holds no live link', { Cookie: 'lodestone_download=not-a-link' }],
  ])('answers the thank-you page’s button with %s: 403 Forbidden and where the download is instead', async (_, headers) => {
    const response = await get(`/download/${MAGNET}`, headers);
    expect(response.status).toBe(403);
    expect(response.statusText).toBe('Forbidden');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toMatch(/<h1[^>]*>This download works in the browser that signed up<\/h1>/);
    expect(html).toContain('Check your inbox: the link we emailed works for 7 days, on any device.');
    expect(html).toMatch(new RegExp(`<a href="/magnets/${MAGNET}/"[^>]*>Ask for the lead scoring worksheet</a>`));
    expect(html).not.toContain('%PDF');
  });

  it('names the magnet as it reads mid-sentence on the expired link’s page', async () => {
    const expired = signLinkToken(TEST_SECRET, { purpose: 'download', leadId: 1, magnet: MAGNET, expiresAt: Date.now() - 60_000 });
    expect(await (await get(`/download/${expired}`)).text()).toContain('we will email a fresh one for the lead scoring worksheet.');
  });

  it.each([
    [
      'an expired download link',
      () => `/download/${signLinkToken(TEST_SECRET, { purpose: 'download', leadId: 1, magnet: MAGNET, expiresAt: Date.now() - 60_000 })}`,
      410,
      'Gone',
    ],
    ['a forged download link', () => '/download/d.1.lead-scoring-worksheet.1.AAAAAAAAAAAAAAAAAAAAAA', 403, 'Forbidden'],
    ['a forged confirmation link', () => '/confirm/c.1.message-match-checklist.1.AAAAAAAAAAAAAAAAAAAAAA', 403, 'Forbidden'],
    ['a forged unsubscribe link', () => '/unsubscribe/u.1.all.1.AAAAAAAAAAAAAAAAAAAAAA', 403, 'Forbidden'],
  ])('gives %s its own reason phrase, never "OK"', async (_, path, status, reason) => {
    const response = await get(path());
    expect(`${response.status} ${response.statusText}`).toBe(`${status} ${reason}`);
  });
});
