/** The middle value of a list (the mean of the two middle ones for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const UNITS: readonly [limit: number, size: number, name: string][] = [
  [60_000, 1_000, 's'],
  [3_600_000, 60_000, 'min'],
  [86_400_000, 3_600_000, 'h'],
  [Infinity, 86_400_000, 'd'],
];

/** A duration as the marketer reads it: `45 s`, `12 min`, `3.5 h`, `2.1 d`; `—` when unknown. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  const [, size, name] = UNITS.find(([limit]) => Math.abs(ms) < limit)!;
  const value = ms / size;
  const shown = Math.abs(value) < 10 && name !== 's' ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value).toString();
  return `${shown} ${name}`;
}
