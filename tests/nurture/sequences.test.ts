import { describe, expect, it } from 'vitest';
import { loadMagnets } from '../../src/magnets/catalog.ts';
import { compileSequences, compileStep, fillSegments, WELCOME_SEQUENCE } from '../../src/nurture/sequences.ts';
import { escapeHtml } from '../../src/seo/escape-html.ts';

const step = (frontmatter: string, body = 'Hi {{ first_name | there }}, here is [the link]({{ download_link }}).') =>
  `---\n${frontmatter}\n---\n\n${body}\n`;
const valid = 'subject: "A subject line"\npreview: "A preview line for the inbox"\ndelay: 2d';

describe('compileStep', () => {
  it('compiles Markdown once to email HTML and plain text, leaving merge fields open', () => {
    const compiled = compileStep('content/sequences/welcome/01-hello.mdx', step(valid));
    expect(compiled).toMatchObject({ id: '01-hello', subject: 'A subject line', delayMs: 172_800_000, after: 'previous', skipIf: [] });
    const values = { first_name: 'Ada', download_link: 'https://example.com/download/x?a=1&b=2' };
    expect(fillSegments(compiled.text, values, (value) => value)).toBe('Hi Ada, here is the link (https://example.com/download/x?a=1&b=2).');
    expect(fillSegments(compiled.html, values, escapeHtml)).toBe(
      '<p style="margin:0 0 16px;">Hi Ada, here is <a style="color:#0b5cad;font-weight:600;" href="https://example.com/download/x?a=1&amp;b=2">the link</a>.</p>',
    );
  });

  it.each([
    ['no first name', {}, 'Hi there,'],
    ['markup in the name', { first_name: '<script>alert(1)</script>' }, 'Hi &lt;script&gt;alert(1)&lt;/script&gt;,'],
  ])('fills the first name with its fallback and escapes it in HTML: %s', (_, values, start) => {
    const compiled = compileStep('x/01-a.mdx', step(valid));
    expect(fillSegments(compiled.html, values, escapeHtml)).toContain(start);
  });

  it.each([
    ['a subject over 78 characters', step(valid.replace('A subject line', 'x'.repeat(79))), 'subject: keep the subject to 78 characters'],
    ['a delay that is not one', step(valid.replace('2d', 'two days')), 'delay: "two days" is not a delay'],
    ['an unknown condition', step(`${valid}\nskip_if: [rainy]`), 'skip_if.0'],
    ['an unknown merge field', step(valid, 'Hi {{ surname }}'), '{{ surname }} is not a merge field'],
    ['an unclosed merge field', step(valid, 'Hi {{ first_name'), 'a merge field is not closed'],
    ['no frontmatter', 'Just a body', 'starts with no frontmatter'],
  ])('refuses %s, naming the file', (_, source, message) => {
    expect(() => compileStep('content/sequences/welcome/01-a.mdx', source)).toThrow(
      new RegExp(`^content/sequences/welcome/01-a\\.mdx: .*${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
  });
});

describe('the shipped sequences', () => {
  it('are a welcome sequence and one per magnet, of 3 to 5 steps with subjects that fit', async () => {
    const sequences = await compileSequences();
    const slugs = sequences.map((sequence) => sequence.slug);
    expect(slugs).toContain(WELCOME_SEQUENCE);
    for (const magnet of await loadMagnets()) expect(slugs).toContain(magnet.data.sequence);
    for (const sequence of sequences) {
      expect(sequence.steps.length, sequence.slug).toBeGreaterThanOrEqual(3);
      expect(sequence.steps.length, sequence.slug).toBeLessThanOrEqual(5);
      for (const item of sequence.steps) expect(item.subject.length).toBeLessThanOrEqual(78);
    }
  });
});
