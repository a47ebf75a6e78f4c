import type { LeadCookieClaims } from '../leads/lead-cookie.ts';
import type { HeaderReader } from '../server/endpoint-answer.ts';

/** Whether the browser asks not to be tracked: Global Privacy Control (`Sec-GPC: 1`) or the older `DNT: 1`. */
export function optsOut(headers: HeaderReader): boolean {
  return headers.get('sec-gpc')?.trim() === '1' || headers.get('dnt')?.trim() === '1';
}

/**
 * The lead a page view may be tied to: the one a live lead cookie names (set only by a signup with
 * consent), unless the browser opts out of tracking or the cookie stands for a bot's signup
 * (lead 0). Undefined means the view is counted anonymously and nothing else.
 */
export function viewerLead(headers: HeaderReader, claims: LeadCookieClaims | undefined): number | undefined {
  if (!claims || claims.leadId <= 0 || optsOut(headers)) return undefined;
  return claims.leadId;
}
