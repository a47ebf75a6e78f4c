import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { parseDatabaseUrl, type DatabaseTarget } from '../db/database-url.ts';
import { DEFAULT_BEACON_RATE_LIMIT, parseRateLimit, type RateLimit } from './rate-limit.ts';
import { DEFAULT_REQUESTS_PER_SECOND } from '../email/resend-mailer.ts';
import { normalizeEmail } from '../leads/email-address.ts';
import { localOrigin, parseHost, parsePort, type ListenAddress } from './listen-address.ts';
import { parseSiteUrl } from './site-url.ts';
import { leadAdsSettings, leadAdsVariables, type LeadAdsSettings } from '../lead-ads/lead-ads-env.ts';

/** The placeholder sender: Resend's shared test address, accepted by the local mailbox and by Resend for your own inbox. */
export const DEFAULT_EMAIL_FROM = 'Lodestone <onboarding@resend.dev>';
const SECRET_FILE = 'data/secret';
const ADMIN_PASSWORD_FILE = 'data/admin-password';

export interface ServerEnv {
  production: boolean;
  /** `HOST` and `PORT`. */
  listen: ListenAddress;
  /** `SITE_URL`, or the origin HOST and PORT serve the site on. */
  siteUrl: URL;
  database: DatabaseTarget;
  resendApiKey: string | undefined;
  /** Requests a second the Resend client allows itself (Resend's limit per team). */
  resendRequestsPerSecond: number;
  /** Verifies Resend webhooks; unset, the webhook endpoint refuses every call. */
  resendWebhookSecret: string | undefined;
  /** Where hand-offs of sales-ready leads are pushed, and the Standard Webhooks secret they are signed with; unset, none is pushed. */
  crmWebhook: CrmWebhook | undefined;
  /** Who is emailed about each hand-off; unset, no one. */
  salesNotifyEmail: string | undefined;
  /** The admin's password (user `admin`). */
  adminPassword: string;
  emailFrom: string;
  secret: string;
  rateLimit: RateLimit | undefined;
  /** Page-view beacons per client address (`BEACON_RATE_LIMIT`); undefined means off. */
  beaconRateLimit: RateLimit | undefined;
  trustProxy: boolean;
  /** `SCORING=off`: leads are stored due for scoring but not scored, and nobody is handed off, until it is on again. */
  scoring: boolean;
  /** `OUTCOMES_CSV`: the CRM's outcomes (email, outcome, revenue) the admin overview reads won revenue from; unset, revenue is unknown. */
  outcomesFile: string | undefined;
  /** Lead ads in and conversions out: Meta and TikTok (see README, Lead ads). */
  leadAds: LeadAdsSettings;
  /** Notices for the log, such as a generated development secret. */
  notices: string[];
}

export interface CrmWebhook {
  url: URL;
  /** `whsec_<base64>`: the key is the base64 part, decoded. */
  secret: string;
}

/** A Standard Webhooks secret: `whsec_` and 24 to 64 random bytes in base64, as the spec recommends. */
export function isWebhookSecret(value: string): boolean {
  const key = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(value)?.[1];
  if (!key || key.length % 4 !== 0) return false;
  const bytes = Buffer.from(key, 'base64').length;
  return bytes >= 24 && bytes <= 64;
}

/** The receiver's address: http or https, and no credentials in it (fetch refuses them; put a token in the path). */
function parseWebhookUrl(value: string): URL {
  const url = URL.parse(value);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new Error('must be an http:// or https:// URL');
  if (url.username || url.password) throw new Error('must not carry a user name or password');
  return url;
}

const noLineBreaks = (value: string) => !/[\r\n\0]/.test(value);

/** Each variable parsed on its own, so the error message can name exactly the ones that are wrong. */
const variables = {
  HOST: z
    .string()
    .optional()
    .transform((value, context) => wrap(() => parseHost(value), context)),
  PORT: z
    .string()
    .optional()
    .transform((value, context) => wrap(() => parsePort(value), context)),
  SITE_URL: z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined)
    .transform((value, context) => (value === undefined ? undefined : wrap(() => parseSiteUrl(value), context))),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value, context) => wrap(() => parseDatabaseUrl(value), context)),
  RESEND_API_KEY: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || /^[\x21-\x7e]+$/.test(value), 'must be a Resend API key (printable characters, no spaces)'),
  RESEND_REQUESTS_PER_SECOND: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? DEFAULT_REQUESTS_PER_SECOND : Number(value)))
    .refine((value) => Number.isFinite(value) && value > 0 && value <= 1000, 'must be a number of requests a second, like 2 or 10'),
  RESEND_WEBHOOK_SECRET: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine(
      (value) => value === undefined || /^whsec_[A-Za-z0-9+/=]{16,}$/.test(value),
      'must be the signing secret Resend shows for the webhook (whsec_…)',
    ),
  CRM_WEBHOOK_URL: z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined)
    .transform((value, context) => (value === undefined ? undefined : wrap(() => parseWebhookUrl(value), context))),
  CRM_WEBHOOK_SECRET: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine(
      (value) => value === undefined || isWebhookSecret(value),
      'must be whsec_ followed by 24 to 64 random bytes in base64 (try: echo whsec_$(openssl rand -base64 32))',
    ),
  SALES_NOTIFY_EMAIL: z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined)
    .transform((value, context) => {
      if (value === undefined) return undefined;
      const checked = normalizeEmail(value);
      if (checked.ok) return checked.address;
      context.addIssue({ code: 'custom', message: 'must be one email address, like sales@example.com' });
      return z.NEVER;
    }),
  ADMIN_PASSWORD: z
    .string()
    .optional()
    .refine((value) => value === undefined || value.length >= 12, 'must be at least 12 characters'),
  EMAIL_FROM: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || DEFAULT_EMAIL_FROM)
    .refine(noLineBreaks, 'must be one line')
    .refine((value) => /^(?:[^<>]+<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/.test(value), 'must be an address or "Name <address>"'),
  LODESTONE_SECRET: z
    .string()
    .optional()
    .refine((value) => value === undefined || value.length >= 32, 'must be at least 32 characters (try: openssl rand -hex 32)'),
  RATE_LIMIT: z
    .string()
    .optional()
    .transform((value, context) => wrap(() => parseRateLimit(value), context)),
  BEACON_RATE_LIMIT: z
    .string()
    .optional()
    .transform((value, context) => wrap(() => parseRateLimit(value, DEFAULT_BEACON_RATE_LIMIT, 'BEACON_RATE_LIMIT'), context)),
  TRUST_PROXY: z
    .enum(['', '0', '1'])
    .optional()
    .transform((value) => value === '1'),
  SCORING: z
    .enum(['', 'on', 'off'], { error: 'must be on or off' })
    .optional()
    .transform((value) => value !== 'off'),
  OUTCOMES_CSV: z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined),
  ...leadAdsVariables,
};

function wrap<T>(parse: () => T, context: z.RefinementCtx): T {
  try {
    return parse();
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message.replace(/^[A-Z_]+ /, '') });
    return z.NEVER;
  }
}

/**
 * Reads the server's environment once, at start. A missing or malformed value stops start-up with
 * a one-line message naming the variable. Only in production (`NODE_ENV=production`) are a missing
 * `LODESTONE_SECRET`, `ADMIN_PASSWORD` or `RESEND_API_KEY` fatal; in development the secrets are
 * generated and kept under `data/`, and emails go to the local outbox mailbox.
 */
export function parseServerEnv(env: Record<string, string | undefined>): ServerEnv {
  const production = env.NODE_ENV === 'production';
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(variables)) {
    const result = schema.safeParse(env[name]);
    if (result.success) values[name] = result.data;
    else problems.push(`${name} ${result.error.issues[0]?.message ?? 'is invalid'}`);
  }
  if (production && !env.LODESTONE_SECRET) problems.push('LODESTONE_SECRET is required when NODE_ENV=production (try: openssl rand -hex 32)');
  if (production && !env.ADMIN_PASSWORD) problems.push('ADMIN_PASSWORD is required when NODE_ENV=production (12 characters or more)');
  if (production && !env.RESEND_API_KEY?.trim()) {
    problems.push('RESEND_API_KEY is required when NODE_ENV=production: without it no email leaves the local outbox mailbox');
  }
  if (values.CRM_WEBHOOK_URL && !values.CRM_WEBHOOK_SECRET) {
    problems.push(
      'CRM_WEBHOOK_SECRET is required when CRM_WEBHOOK_URL is set: the receiver verifies every delivery with it (try: echo whsec_$(openssl rand -base64 32))',
    );
  }
  const leadAds = leadAdsSettings(values, problems);
  if (problems.length) throw new Error(`Invalid environment: ${problems.join('; ')}`);

  const notices: string[] = [];
  let secret = values.LODESTONE_SECRET as string | undefined;
  if (!secret) {
    secret = developmentSecret(SECRET_FILE, () => randomBytes(32).toString('hex'));
    notices.push(`LODESTONE_SECRET is not set: using the development secret kept in ${SECRET_FILE}`);
  }
  let adminPassword = values.ADMIN_PASSWORD as string | undefined;
  if (!adminPassword) {
    adminPassword = developmentSecret(ADMIN_PASSWORD_FILE, () => randomBytes(12).toString('base64url'));
    notices.push(
      `ADMIN_PASSWORD is not set: the admin (user "admin") takes the development password ${adminPassword}, kept in ${ADMIN_PASSWORD_FILE}`,
    );
  }
  const resendApiKey = values.RESEND_API_KEY as string | undefined;
  if (!resendApiKey) notices.push('RESEND_API_KEY is not set: emails go to the local outbox mailbox and are logged, not sent');

  const crmWebhookUrl = values.CRM_WEBHOOK_URL as URL | undefined;
  const salesNotifyEmail = values.SALES_NOTIFY_EMAIL as string | undefined;
  if (!crmWebhookUrl && !salesNotifyEmail) notices.push('CRM_WEBHOOK_URL and SALES_NOTIFY_EMAIL are not set: sales-ready leads are handed to no one');

  const scoring = values.SCORING as boolean;
  if (!scoring) notices.push('SCORING=off: leads are stored unscored and handed to no one; each is scored once SCORING is on again');

  const listen = { host: values.HOST as string, port: values.PORT as number };
  return {
    production,
    listen,
    siteUrl: (values.SITE_URL as URL | undefined) ?? new URL(localOrigin(listen)),
    database: values.DATABASE_URL as DatabaseTarget,
    resendApiKey,
    resendRequestsPerSecond: values.RESEND_REQUESTS_PER_SECOND as number,
    resendWebhookSecret: values.RESEND_WEBHOOK_SECRET as string | undefined,
    crmWebhook: crmWebhookUrl ? { url: crmWebhookUrl, secret: values.CRM_WEBHOOK_SECRET as string } : undefined,
    salesNotifyEmail,
    adminPassword,
    emailFrom: values.EMAIL_FROM as string,
    secret,
    rateLimit: values.RATE_LIMIT as RateLimit | undefined,
    beaconRateLimit: values.BEACON_RATE_LIMIT as RateLimit | undefined,
    trustProxy: values.TRUST_PROXY as boolean,
    scoring,
    outcomesFile: values.OUTCOMES_CSV as string | undefined,
    leadAds,
    notices,
  };
}

/** A generated development secret, created on first use with owner-only permissions. */
function developmentSecret(file: string, generate: () => string): string {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, `${generate()}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process (a second server or the worker) created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(file, 'utf8').trim();
}
