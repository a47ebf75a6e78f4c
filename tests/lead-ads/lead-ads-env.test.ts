import { describe, expect, it } from 'vitest';
import { parseServerEnv } from '../../src/config/server-env.ts';

const secret = 'x'.repeat(40);
const env = (variables: Record<string, string>) => parseServerEnv({ LODESTONE_SECRET: secret, ADMIN_PASSWORD: 'a-password-for-tests', ...variables });

describe('the lead-ads settings', () => {
  it('has the platforms’ own addresses and nothing switched on by default', () => {
    const { meta, tiktok } = env({}).leadAds;
    expect(meta).toMatchObject({ appSecret: undefined, verifyToken: undefined, pixelId: undefined, graphVersion: 'v24.0' });
    expect(meta.graphBaseUrl.href).toBe('https://graph.facebook.com/');
    expect(tiktok).toMatchObject({ appSecret: undefined, eventSourceId: undefined });
    expect(tiktok.eventsBaseUrl.href).toBe('https://business-api.tiktok.com/');
  });

  it.each([
    [{ META_APP_SECRET: 's' }, 'META_ACCESS_TOKEN is required when META_APP_SECRET is set'],
    [{ META_PIXEL_ID: '123' }, 'META_ACCESS_TOKEN is required when META_PIXEL_ID is set'],
    [{ META_PIXEL_ID: 'my-pixel', META_ACCESS_TOKEN: 't' }, 'META_PIXEL_ID must be the numeric id of the dataset (pixel)'],
    [{ META_GRAPH_VERSION: '24' }, 'META_GRAPH_VERSION must be a Graph API version, like v24.0'],
    [{ META_GRAPH_BASE_URL: 'ftp://graph.example' }, 'META_GRAPH_BASE_URL must be an http:// or https:// URL'],
    [{ TIKTOK_EVENT_SOURCE_ID: 'CRM1' }, 'TIKTOK_ACCESS_TOKEN is required when TIKTOK_EVENT_SOURCE_ID is set'],
    [{ TIKTOK_APP_SECRET: 'two words' }, 'TIKTOK_APP_SECRET must be printable characters without spaces'],
  ])('refuses %j: %s', (variables, message) => {
    expect(() => env(variables)).toThrow(message);
  });
});
