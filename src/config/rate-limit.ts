/** A fixed-window limit on requests per client address (signups, page-view beacons); `undefined` means off. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

const WINDOWS: Record<string, number> = { min: 60_000, hour: 3_600_000 };

/** Parses `RATE_LIMIT` (or another variable, `name`): `N/min`, `N/hour` or `off`; unset means `fallback`. */
export function parseRateLimit(value: string | undefined, fallback = '10/min', name = 'RATE_LIMIT'): RateLimit | undefined {
  const raw = value?.trim().toLowerCase() || fallback;
  if (raw === 'off') return undefined;
  const match = /^(\d{1,6})\/(min|hour)$/.exec(raw);
  if (!match || Number(match[1]) < 1) {
    throw new Error(`${name} must be N/min, N/hour (N at least 1) or off; got "${value}"`);
  }
  return { max: Number(match[1]), windowMs: WINDOWS[match[2]!]! };
}

/** Page-view beacons per client address unless `BEACON_RATE_LIMIT` says otherwise: a reader opening two pages a second for a minute, or an office behind one address. */
export const DEFAULT_BEACON_RATE_LIMIT = '120/min';
