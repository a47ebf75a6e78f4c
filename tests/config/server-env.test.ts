import { describe, expect, it } from 'vitest';
import { DEFAULT_EMAIL_FROM, parseServerEnv } from '../../src/config/server-env.ts';

const secret = 'x'.repeat(40);
/** 32 random-looking bytes in base64, as `openssl rand -base64 32` prints them. */
const crmKey = Buffer.from('lodestone-crm-webhook-test-key-32').toString('base64');

describe('parseServerEnv', () => {
  it('fills every default for an empty production-less environment except the secret it is given', () => {
    const env = parseServerEnv({ LODESTONE_SECRET: secret });
    expect(env).toMatchObject({
      production: false,
      emailFrom: DEFAULT_EMAIL_FROM,
      resendApiKey: undefined,
      rateLimit: { max: 10, windowMs: 60_000 },
      beaconRateLimit: { max: 120, windowMs: 60_000 },
      trustProxy: false,
      scoring: true,
      secret,
    });
    expect(env.siteUrl.href).toBe('http://localhost:4321/');
    expect(env.database.engine).toBe('sqlite');
    expect(env.notices.join('\n')).toMatch(/RESEND_API_KEY is not set/);
    expect(env).toMatchObject({ resendRequestsPerSecond: 2, resendWebhookSecret: undefined });
  });

  it('takes a production environment that sets every secret', () => {
    const env = parseServerEnv({
      NODE_ENV: 'production',
      LODESTONE_SECRET: secret,
      ADMIN_PASSWORD: 'a-long-admin-password',
      RESEND_API_KEY: 're_live_key',
      RESEND_REQUESTS_PER_SECOND: '5',
    });
    expect(env).toMatchObject({ production: true, adminPassword: 'a-long-admin-password', resendRequestsPerSecond: 5 });
    expect(env.notices.join('\n')).not.toMatch(/ADMIN_PASSWORD/);
  });

  it.each([
    [{ NODE_ENV: 'production' }, /LODESTONE_SECRET is required when NODE_ENV=production/],
    [{ LODESTONE_SECRET: 'short' }, /LODESTONE_SECRET must be at least 32 characters/],
    [{ LODESTONE_SECRET: secret, SITE_URL: 'example.com' }, /SITE_URL/],
    [{ LODESTONE_SECRET: secret, DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ LODESTONE_SECRET: secret, EMAIL_FROM: 'Lodestone <hello@example.com>\r\nBcc: x@y.z' }, /EMAIL_FROM must be one line/],
    [{ LODESTONE_SECRET: secret, EMAIL_FROM: 'not an address' }, /EMAIL_FROM/],
    [{ LODESTONE_SECRET: secret, RATE_LIMIT: '10/day' }, /RATE_LIMIT/],
    [{ LODESTONE_SECRET: secret, BEACON_RATE_LIMIT: '120/day' }, /BEACON_RATE_LIMIT must be N\/min, N\/hour/],
    [{ LODESTONE_SECRET: secret, TRUST_PROXY: 'yes' }, /TRUST_PROXY/],
    [{ LODESTONE_SECRET: secret, SCORING: 'no' }, /SCORING must be on or off/],
    [{ LODESTONE_SECRET: secret, RESEND_API_KEY: 're_ bad key' }, /RESEND_API_KEY/],
    [{ NODE_ENV: 'production', LODESTONE_SECRET: secret }, /ADMIN_PASSWORD is required when NODE_ENV=production/],
    [
      { NODE_ENV: 'production', LODESTONE_SECRET: secret, ADMIN_PASSWORD: 'a-long-admin-password' },
      /RESEND_API_KEY is required when NODE_ENV=production/,
    ],
    [
      { NODE_ENV: 'production', LODESTONE_SECRET: secret, ADMIN_PASSWORD: 'a-long-admin-password', RESEND_API_KEY: '  ' },
      /RESEND_API_KEY is required when NODE_ENV=production/,
    ],
    [{ LODESTONE_SECRET: secret, PORT: 'eighty' }, /PORT must be a whole number from 1 to 65535/],
    [{ LODESTONE_SECRET: secret, HOST: 'two words' }, /HOST must be an IP address or a host name/],
    [{ LODESTONE_SECRET: secret, ADMIN_PASSWORD: 'short' }, /ADMIN_PASSWORD must be at least 12 characters/],
    [{ LODESTONE_SECRET: secret, RESEND_REQUESTS_PER_SECOND: 'fast' }, /RESEND_REQUESTS_PER_SECOND must be a number/],
    [{ LODESTONE_SECRET: secret, RESEND_WEBHOOK_SECRET: 'hunter2' }, /RESEND_WEBHOOK_SECRET must be the signing secret/],
    [{ LODESTONE_SECRET: secret, CRM_WEBHOOK_URL: 'crm.example/hooks' }, /CRM_WEBHOOK_URL must be an http:\/\/ or https:\/\/ URL/],
    [{ LODESTONE_SECRET: secret, CRM_WEBHOOK_URL: 'ftp://crm.example/hooks' }, /CRM_WEBHOOK_URL must be an http:\/\/ or https:\/\/ URL/],
    [{ LODESTONE_SECRET: secret, CRM_WEBHOOK_URL: 'https://user:pw@crm.example/' }, /CRM_WEBHOOK_URL must not carry a user name or password/],
    [{ LODESTONE_SECRET: secret, CRM_WEBHOOK_URL: 'https://crm.example/hooks' }, /CRM_WEBHOOK_SECRET is required when CRM_WEBHOOK_URL is set/],
    [{ LODESTONE_SECRET: secret, CRM_WEBHOOK_SECRET: 'hunter2' }, /CRM_WEBHOOK_SECRET must be whsec_ followed by 24 to 64 random bytes in base64/],
    [{ LODESTONE_SECRET: secret, CRM_WEBHOOK_SECRET: `whsec_${'A'.repeat(16)}` }, /CRM_WEBHOOK_SECRET must be whsec_/],
    [{ LODESTONE_SECRET: secret, CRM_WEBHOOK_SECRET: `whsec_${crmKey.slice(1)}` }, /CRM_WEBHOOK_SECRET must be whsec_/],
    [{ LODESTONE_SECRET: secret, SALES_NOTIFY_EMAIL: 'sales team' }, /SALES_NOTIFY_EMAIL must be one email address/],
    [{ LODESTONE_SECRET: secret, SALES_NOTIFY_EMAIL: 'a@example.com, b@example.com' }, /SALES_NOTIFY_EMAIL must be one email address/],
  ])('refuses %j with a message naming the variable', (variables, message) => {
    expect(() => parseServerEnv(variables)).toThrow(message);
  });

  it('takes the CRM webhook and the sales address, and says when neither is set', () => {
    const env = parseServerEnv({
      LODESTONE_SECRET: secret,
      CRM_WEBHOOK_URL: ' https://crm.example/hooks/lodestone?token=abc ',
      CRM_WEBHOOK_SECRET: `whsec_${crmKey}`,
      SALES_NOTIFY_EMAIL: 'Sales@Example.COM',
    });
    expect(env.crmWebhook?.url.href).toBe('https://crm.example/hooks/lodestone?token=abc');
    expect(env.crmWebhook?.secret).toBe(`whsec_${crmKey}`);
    expect(env.salesNotifyEmail).toBe('sales@example.com');
    expect(env.notices.join('\n')).not.toMatch(/handed to no one/);

    const unset = parseServerEnv({ LODESTONE_SECRET: secret, CRM_WEBHOOK_SECRET: ' ' });
    expect(unset).toMatchObject({ crmWebhook: undefined, salesNotifyEmail: undefined });
    expect(unset.notices.join('\n')).toMatch(/CRM_WEBHOOK_URL and SALES_NOTIFY_EMAIL are not set: sales-ready leads are handed to no one/);
  });

  it.each([
    ['on', true],
    ['', true],
    ['off', false],
  ])('takes SCORING=%s, and says when scoring is off', (value, scoring) => {
    const env = parseServerEnv({ LODESTONE_SECRET: secret, SCORING: value });
    expect(env.scoring).toBe(scoring);
    expect(env.notices.some((notice) => notice.startsWith('SCORING=off'))).toBe(!scoring);
  });

  it('takes the site URL from HOST and PORT when SITE_URL is not set', () => {
    const env = parseServerEnv({ LODESTONE_SECRET: secret, HOST: '0.0.0.0', PORT: '4711' });
    expect(env.listen).toEqual({ host: '0.0.0.0', port: 4711 });
    expect(env.siteUrl.href).toBe('http://localhost:4711/');
    expect(parseServerEnv({ LODESTONE_SECRET: secret, PORT: '4711', SITE_URL: 'https://example.com' }).siteUrl.href).toBe('https://example.com/');
  });

  it('says what is wrong on one line', () => {
    expect(() => parseServerEnv({ LODESTONE_SECRET: secret, PORT: 'x' })).toThrow(/^Invalid environment: PORT must be [^\n]+$/);
  });

  it('names every wrong variable at once', () => {
    expect(() => parseServerEnv({ NODE_ENV: 'production', SITE_URL: 'nope', RATE_LIMIT: 'lots' })).toThrow(
      /SITE_URL[\s\S]*RATE_LIMIT[\s\S]*LODESTONE_SECRET/,
    );
  });
});

describe('BEACON_RATE_LIMIT', () => {
  it.each([
    ['2000/hour', { max: 2000, windowMs: 3_600_000 }],
    ['off', undefined],
  ])('reads %j apart from RATE_LIMIT', (value, limit) => {
    const env = parseServerEnv({ LODESTONE_SECRET: secret, RATE_LIMIT: 'off', BEACON_RATE_LIMIT: value });
    expect([env.rateLimit, env.beaconRateLimit]).toEqual([undefined, limit]);
  });
});
