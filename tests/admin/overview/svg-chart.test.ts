import { describe, expect, it } from 'vitest';
import { barChartSvg, barHeights, niceCeiling } from '../../../src/admin/overview/svg-chart.ts';

const rects = (svg: string) => [...svg.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map(([, height]) => Number(height));

describe('niceCeiling', () => {
  it.each([
    [0, 1],
    [-3, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [10, 10],
    [11, 20],
    [0.3, 0.5],
    [450, 500],
    [1200, 2000],
  ])('of %d is %d', (max, top) => {
    expect(niceCeiling(max)).toBe(top);
  });
});

describe('barHeights', () => {
  it.each([
    // top of the axis is 10: 5 is half the height
    [[5, 10, 0], 100, [50, 100, 0]],
    // top of the axis is 5 for a largest value of 3
    [[3, 1], 100, [60, 20]],
    [[0, 0, 0], 100, [0, 0, 0]],
    [[4], 200, [160]],
  ])('%j on %d px are %j', (values, height, expected) => {
    expect(barHeights(values, height)).toEqual(expected);
  });
});

describe('barChartSvg', () => {
  const bars = [
    { label: '11-01', value: 2 },
    { label: '11-02', value: 0 },
    { label: '11-03', value: 1 },
  ];

  it('is an image with its title as name and a title per bar, and no script', () => {
    const svg = barChartSvg({ title: 'Leads per day', bars });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="Leads per day"/);
    expect(svg).toContain('<title>Leads per day</title>');
    expect(svg).toContain('<title>11-01: 2</title>');
    expect(svg).not.toMatch(/<script|on\w+=|href=/i);
  });

  it('scales the bars against a round top of the axis, labelled', () => {
    const svg = barChartSvg({ title: 't', bars, height: 220 });
    // plot height 220 − 12 − 28 = 180; top of the axis is 2
    expect(rects(svg)).toEqual([180, 0, 90]);
    expect(svg).toMatch(/>2<\/text>/);
    expect(svg).toMatch(/>1<\/text>/);
  });

  it('draws one day as one full-width bar', () => {
    const svg = barChartSvg({ title: 't', bars: [{ label: '12-02', value: 4 }], width: 640, height: 220 });
    expect(rects(svg)).toEqual([144]);
    expect(svg).toMatch(/<rect x="[\d.]+" y="[\d.]+" width="470.4"/);
  });

  it('says so when there is nothing to draw, on a 0–1 axis', () => {
    const svg = barChartSvg({ title: 't', bars: [{ label: 'a', value: 0 }] });
    expect(svg).toContain('Nothing yet');
    expect(rects(svg)).toEqual([0]);
    expect(barChartSvg({ title: 't', bars: [] })).toContain('Nothing yet');
  });

  it('escapes its title and labels', () => {
    const svg = barChartSvg({ title: '<img src=x onerror=alert(1)> & "q"', bars: [{ label: '</text><script>alert(1)</script>', value: 1 }] });
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('aria-label="&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;"');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;');
  });

  it('labels at most eight bars under the axis', () => {
    const many = Array.from({ length: 90 }, (_, index) => ({ label: `d${index}`, value: index }));
    const labels = [...barChartSvg({ title: 't', bars: many }).matchAll(/>d\d+<\/text>/g)];
    expect(labels.length).toBeLessThanOrEqual(8);
    expect(labels[0]![0]).toBe('>d0</text>');
  });
});
