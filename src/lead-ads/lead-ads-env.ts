import { z } from 'zod';

/** Meta: the lead-ads webhook (in) and the Conversions API (out). */
export interface MetaSettings {
  /** `META_VERIFY_TOKEN`: what Meta's subscription handshake must echo; unset, the handshake is refused. */
  verifyToken: string | undefined;
  /** `META_APP_SECRET`: the app secret `X-Hub-Signature-256` is made with; unset, every notification is refused. */
  appSecret: string | undefined;
  /** `META_ACCESS_TOKEN`: reads leads from the Graph API and sends conversions. */
  accessToken: string | undefined;
  /** `META_GRAPH_BASE_URL` and `META_GRAPH_VERSION`: where the Graph API and the Conversions API are. */
  graphBaseUrl: URL;
  graphVersion: string;
  /** `META_PIXEL_ID`: the dataset (pixel) conversions are sent to; unset, none is sent. */
  pixelId: string | undefined;
}

/** TikTok: the lead-generation webhook (in) and the Events API (out). */
export interface TikTokSettings {
  /** `TIKTOK_APP_SECRET`: the client secret `TikTok-Signature` is made with; unset, every delivery is refused. */
  appSecret: string | undefined;
  /** `TIKTOK_ACCESS_TOKEN`: the Events API's `Access-Token`. */
  accessToken: string | undefined;
  /** `TIKTOK_EVENTS_BASE_URL`: where the Events API is. */
  eventsBaseUrl: URL;
  /** `TIKTOK_EVENT_SOURCE_ID`: the CRM event set (or pixel) conversions are sent to; unset, none is sent. */
  eventSourceId: string | undefined;
}

export interface LeadAdsSettings {
  meta: MetaSettings;
  tiktok: TikTokSettings;
}

const optionalText = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined)
  .refine((value) => value === undefined || /^[\x21-\x7e]+$/.test(value), 'must be printable characters without spaces');

const baseUrl = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      const url = URL.parse(value?.trim() || fallback);
      if (url && (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password) return url;
      context.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL without a user name or password' });
      return z.NEVER;
    });

/** Each variable on its own, so a problem names exactly the variable that is wrong. */
export const leadAdsVariables = {
  META_VERIFY_TOKEN: optionalText,
  META_APP_SECRET: optionalText,
  META_ACCESS_TOKEN: optionalText,
  META_GRAPH_BASE_URL: baseUrl('https://graph.facebook.com'),
  META_GRAPH_VERSION: z
    .string()
    .optional()
    .transform((value) => value?.trim() || 'v24.0')
    .refine((value) => /^v\d+\.\d+$/.test(value), 'must be a Graph API version, like v24.0'),
  META_PIXEL_ID: z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined)
    .refine((value) => value === undefined || /^\d{1,30}$/.test(value), 'must be the numeric id of the dataset (pixel)'),
  TIKTOK_APP_SECRET: optionalText,
  TIKTOK_ACCESS_TOKEN: optionalText,
  TIKTOK_EVENTS_BASE_URL: baseUrl('https://business-api.tiktok.com'),
  TIKTOK_EVENT_SOURCE_ID: optionalText,
};

/** Turns the parsed variables into settings; `problems` gets a line for a combination that cannot work. */
export function leadAdsSettings(values: Record<string, unknown>, problems: string[]): LeadAdsSettings {
  const meta: MetaSettings = {
    verifyToken: values.META_VERIFY_TOKEN as string | undefined,
    appSecret: values.META_APP_SECRET as string | undefined,
    accessToken: values.META_ACCESS_TOKEN as string | undefined,
    graphBaseUrl: values.META_GRAPH_BASE_URL as URL,
    graphVersion: values.META_GRAPH_VERSION as string,
    pixelId: values.META_PIXEL_ID as string | undefined,
  };
  const tiktok: TikTokSettings = {
    appSecret: values.TIKTOK_APP_SECRET as string | undefined,
    accessToken: values.TIKTOK_ACCESS_TOKEN as string | undefined,
    eventsBaseUrl: values.TIKTOK_EVENTS_BASE_URL as URL,
    eventSourceId: values.TIKTOK_EVENT_SOURCE_ID as string | undefined,
  };
  if (meta.appSecret && !meta.accessToken)
    problems.push('META_ACCESS_TOKEN is required when META_APP_SECRET is set: each lead is read from the Graph API with it');
  if (meta.pixelId && !meta.accessToken) problems.push('META_ACCESS_TOKEN is required when META_PIXEL_ID is set: conversions are sent with it');
  if (tiktok.eventSourceId && !tiktok.accessToken)
    problems.push('TIKTOK_ACCESS_TOKEN is required when TIKTOK_EVENT_SOURCE_ID is set: conversions are sent with it');
  return { meta, tiktok };
}
