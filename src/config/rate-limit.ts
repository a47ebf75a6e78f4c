/** A fixed-window limit on signups per client address; `undefined` means off. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

const WINDOWS: Record<string, number> = { min: 60_000, hour: 3_600_000 };

/** Parses `RATE_LIMIT`: `N/min`, `N/hour` or `off`; unset means `10/min`. */
export function parseRateLimit(value: string | undefined): RateLimit | undefined {
  const raw = value?.trim().toLowerCase() || '10/min';
  if (raw === 'off') return undefined;
  const match = /^(\d{1,6})\/(min|hour)$/.exec(raw);
  if (!match || Number(match[1]) < 1) {
    throw new Error(`RATE_LIMIT must be N/min, N/hour (N at least 1) or off; got "${value}"`);
  }
  return { max: Number(match[1]), windowMs: WINDOWS[match[2]!]! };
}
