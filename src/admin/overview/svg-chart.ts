import { escapeHtml } from '../../seo/escape-html.ts';

/** One bar: its label on the axis (a date) and its value. */
export interface Bar {
  label: string;
  value: number;
}

export interface BarChartOptions {
  /** Read out by screen readers and shown on hover: say what the chart counts and over when. */
  title: string;
  bars: readonly Bar[];
  width?: number;
  height?: number;
}

/** The smallest of 1, 2, 5 × 10ⁿ at or above `max` (1 for nothing to show), so the top of the axis is a round number. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((step) => step * magnitude).find((top) => top >= max * (1 - 1e-12))!;
}

/** Each value's bar height on an axis from 0 to niceCeiling of the largest value, `height` tall. */
export function barHeights(values: readonly number[], height: number): number[] {
  const top = niceCeiling(Math.max(0, ...values));
  return values.map((value) => (Math.max(0, value) / top) * height);
}

const MARGIN = { top: 12, right: 8, bottom: 28, left: 44 };
/** At most this many labels under the bars; the others are in the table beside the chart. */
const MAX_LABELS = 8;

const round = (value: number) => Math.round(value * 10) / 10;
const tickText = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/**
 * A bar chart as an inline SVG string: no script, nothing fetched. `role="img"` with the title as
 * its accessible name and a `<title>` per bar; every text is escaped, so labels may come from
 * anywhere. Colours follow the page's `currentColor`.
 */
export function barChartSvg({ title, bars, width = 640, height = 220 }: BarChartOptions): string {
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const top = niceCeiling(Math.max(0, ...bars.map((bar) => bar.value)));
  const heights = barHeights(
    bars.map((bar) => bar.value),
    plotHeight,
  );
  const slot = bars.length ? plotWidth / bars.length : plotWidth;
  const labelEvery = Math.max(1, Math.ceil(bars.length / MAX_LABELS));
  const baseline = MARGIN.top + plotHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}" class="chart">`,
    `<title>${escapeHtml(title)}</title>`,
  ];
  for (const tick of [0, top / 2, top]) {
    const y = round(baseline - (tick / top) * plotHeight);
    parts.push(
      `<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${y}" y2="${y}" stroke="currentColor" stroke-opacity="0.2"/>`,
      `<text x="${MARGIN.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" font-size="11" fill="currentColor">${tickText(tick)}</text>`,
    );
  }
  bars.forEach((bar, index) => {
    const x = MARGIN.left + index * slot;
    const barHeight = round(heights[index]!);
    parts.push(
      `<rect x="${round(x + slot * 0.1)}" y="${round(baseline - barHeight)}" width="${round(slot * 0.8)}" height="${barHeight}" fill="currentColor">` +
        `<title>${escapeHtml(`${bar.label}: ${bar.value}`)}</title></rect>`,
    );
    if (index % labelEvery === 0) {
      parts.push(
        `<text x="${round(x + slot / 2)}" y="${baseline + 16}" text-anchor="middle" font-size="11" fill="currentColor">${escapeHtml(bar.label)}</text>`,
      );
    }
  });
  if (bars.every((bar) => bar.value <= 0)) {
    parts.push(
      `<text x="${MARGIN.left + plotWidth / 2}" y="${MARGIN.top + plotHeight / 2}" text-anchor="middle" font-size="13" fill="currentColor">Nothing yet</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
