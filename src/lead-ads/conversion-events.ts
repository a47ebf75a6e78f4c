import { createHash } from 'node:crypto';
import { LeadStatus } from '../leads/lead-status.ts';

/** SHA-256 of the trimmed, lower-cased address, in hex: how both platforms take an email address. */
export function hashEmail(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

/** The statuses the ad platforms hear about, and the event name each is sent under. */
export const CONVERSION_EVENTS: Partial<Record<string, string>> = {
  [LeadStatus.MarketingQualified]: 'MarketingQualifiedLead',
  [LeadStatus.SalesReady]: 'SalesReadyLead',
};

/** The name this site gives itself as the CRM the events come from. */
export const LEAD_EVENT_SOURCE = 'Lodestone';

/** One lead reaching one status, as both platforms are told. */
export interface Conversion {
  /** The same for every sending of this lead reaching this status: the platforms count it once. */
  eventId: string;
  eventName: string;
  /** When the lead reached the status, epoch ms. */
  at: number;
  email: string;
  /** The platform's lead id, for a lead from that platform's lead ad. */
  platformLeadId?: string;
  /** The click id of the ad click the lead came through, for a site lead (`fbclid`, `ttclid`), and when it was seen. */
  clickId?: string;
  clickAt?: number;
}

export function conversionEventId(status: string, leadId: number): string {
  return `${status}-${leadId}`;
}

/**
 * Meta's Conversions API body for CRM events (the Conversion Leads integration): the stage as the
 * event name, `action_source: system_generated`, the hashed address, the lead id from the lead
 * ad, or the click id as `fbc` (`fb.1.<ms>.<fbclid>`) for a site lead.
 */
export function metaConversionBody(conversion: Conversion): string {
  const userData: Record<string, unknown> = { em: [hashEmail(conversion.email)] };
  if (conversion.platformLeadId) userData.lead_id = conversion.platformLeadId;
  if (conversion.clickId) userData.fbc = `fb.1.${conversion.clickAt ?? conversion.at}.${conversion.clickId}`;
  return JSON.stringify({
    data: [
      {
        event_name: conversion.eventName,
        event_time: Math.floor(conversion.at / 1000),
        event_id: conversion.eventId,
        action_source: 'system_generated',
        user_data: userData,
        custom_data: { event_source: 'crm', lead_event_source: LEAD_EVENT_SOURCE },
      },
    ],
  });
}

/**
 * TikTok's Events API body for CRM events: `event_source: crm` with the CRM event set as
 * `event_source_id`, the hashed address, the lead id from the lead ad, or the `ttclid` of a site lead.
 */
export function tiktokConversionBody(conversion: Conversion, eventSourceId: string): string {
  const user: Record<string, unknown> = { email: hashEmail(conversion.email) };
  if (conversion.clickId) user.ttclid = conversion.clickId;
  const event: Record<string, unknown> = {
    event: conversion.eventName,
    event_time: Math.floor(conversion.at / 1000),
    event_id: conversion.eventId,
    user,
  };
  if (conversion.platformLeadId) event.lead = { lead_id: conversion.platformLeadId, lead_event_source: LEAD_EVENT_SOURCE };
  return JSON.stringify({ event_source: 'crm', event_source_id: eventSourceId, data: [event] });
}
