const UNITS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/** The longest delay a step may have: Resend keeps idempotency keys for a day, but a sequence can run for months. */
export const MAX_DELAY_MS = 365 * 86_400_000;

/**
 * Reads a step's delay: a number and a unit (`w`eeks, `d`ays, `h`ours, `m`inutes), or several, as
 * `2d`, `36h`, `1d12h`, `0m`. Throws with a readable message otherwise.
 */
export function parseDelay(text: string): number {
  const trimmed = text.trim().toLowerCase();
  if (!/^(?:\d{1,4}[wdhm])+$/.test(trimmed)) throw new Error(`"${text}" is not a delay; write it like 2d, 36h or 1d12h`);
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([wdhm])/g)) total += Number(amount) * UNITS[unit!]!;
  if (total > MAX_DELAY_MS) throw new Error(`"${text}" is longer than a year`);
  return total;
}
