import { describe, expect, it } from 'vitest';
import { countWords, readingMinutes } from '../../src/articles/reading-time';

describe('countWords', () => {
  it.each([
    ['', 0],
    ['One two three.', 3],
    ['---\ntitle: "Not counted at all"\n---\nFour words in body.', 4],
    ['## A heading\n\nSome *emphasis* and a [link](/articles/x/).', 7],
    ["A lead's cost is $42.50, or 12% of revenue.", 9],
    ['```ts\nconst ignored = true;\n```\nCounted once.', 2],
    ['import Thing from "./thing";\n\nHello <Thing prop="x" /> world', 2],
    ['| Channel | Leads |\n| --- | --- |\n| Search | 40 |', 4],
  ])('counts %j as %i words', (mdx, expected) => {
    expect(countWords(mdx)).toBe(expected);
  });
});

describe('readingMinutes', () => {
  it.each([
    [0, 230, 1],
    [100, 230, 1],
    [460, 230, 2],
    [1500, 230, 7],
    [1500, 300, 5],
  ])('%i words at %i wpm take %i min', (words, wpm, minutes) => {
    expect(readingMinutes('word '.repeat(words), wpm)).toBe(minutes);
  });

  it.each([0, -1, Number.NaN])('refuses %s words per minute', (wpm) => {
    expect(() => readingMinutes('text', wpm)).toThrow(RangeError);
  });
});
