import { describe, expect, it } from 'vitest';
import { pageTitle } from '../../src/seo/page-title';

describe('pageTitle', () => {
  it.each([
    [undefined, 'Lodestone'],
    ['Speed to lead', 'Speed to lead · Lodestone'],
    ['Costs & ROI', 'Costs &amp; ROI · Lodestone'],
    ['<b>Bold</b>', '&lt;b&gt;Bold&lt;/b&gt; · Lodestone'],
    ['Save $& now', 'Save $&amp; now · Lodestone'],
  ])('%j → %s', (title, expected) => {
    expect(pageTitle(title, '%s · Lodestone', 'Lodestone')).toBe(expected);
  });
});
