import { describe, expect, it } from 'vitest';
import { loadMagnets, magnetForms, parseMagnet } from '../../src/magnets/catalog.ts';

const valid = `---
title: "A worksheet worth having"
promise: "Score a lead in two minutes with one page."
description: "A one-page worksheet that scores leads with BANT in two minutes, with worked examples for small teams that sell to businesses."
kind: worksheet
cover:
  image: ./images/cover.svg
  alt: "A worksheet cover"
inside: ["A scoring table", "Three worked examples"]
file: worksheet.pdf
form:
  fields:
    - { name: team, label: Team, type: select, options: [Small, Large] }
consent:
  text: "Email me the worksheet and a few tips. I can unsubscribe at any time."
  version: "1"
sequence: worksheet
thanks:
  headline: "Your worksheet"
  body: "Download it now; we have emailed you the link as well."
  next: { label: "Read about scoring", href: /articles/lead-scoring-with-bant/ }
---

## Body
`;

describe('parseMagnet', () => {
  it('reads the frontmatter with its defaults and keeps the body for the PDF', () => {
    const magnet = parseMagnet('content/magnets/worksheet.md', valid);
    expect(magnet.slug).toBe('worksheet');
    expect(magnet.data.confirm).toBe(false);
    expect(magnet.data.form.submit).toBe('Send it to me');
    expect(magnet.data.form.fields[0]).toMatchObject({ name: 'team', required: false });
    expect(magnet.body).toBe('\n## Body\n');
  });

  const seven = Array.from({ length: 6 }, (_, index) => `    - { name: f${index}, label: Field ${index}, type: text }`).join('\n');
  it.each([
    ['a missing promise', valid.replace(/^promise:.*\n/m, ''), 'promise'],
    ['seven fields with the email', valid.replace(/ {4}- \{ name: team.*$/m, seven), 'form.fields'],
    ['two fields of one name', valid.replace(/( {4}- \{ name: team.*)$/m, '$1\n$1'), 'form.fields'],
    ['a next step off the site', valid.replace('href: /articles/lead-scoring-with-bant/', 'href: https://evil.example/'), 'thanks.next.href'],
    ['a file that is not a PDF', valid.replace('worksheet.pdf', 'worksheet.exe'), 'file'],
    ['a cover without alt text', valid.replace(/^ {2}alt:.*\n/m, ''), 'cover.alt'],
  ])('refuses %s, naming the file and the field', (_, text, field) => {
    expect(() => parseMagnet('content/magnets/worksheet.md', text)).toThrow(
      new RegExp(`^content/magnets/worksheet\\.md: .*${field.replace('.', '\\.')}: `),
    );
  });

  it('refuses a file without frontmatter', () => {
    expect(() => parseMagnet('content/magnets/x.md', '## Just a body')).toThrow('content/magnets/x.md: starts with no frontmatter');
  });
});

describe('the shipped magnets', () => {
  it('are at least three, each with a form of six fields or fewer and a thank-you page of its own', async () => {
    const magnets = await loadMagnets();
    expect(magnets.length).toBeGreaterThanOrEqual(3);
    const forms = magnetForms(magnets);
    for (const magnet of magnets) {
      expect(1 + magnet.data.form.fields.length).toBeLessThanOrEqual(6);
      expect(forms.get(`magnet:${magnet.slug}`)).toMatchObject({ kind: 'magnet', thanksPath: `/thanks/${magnet.slug}/`, magnet: magnet.slug });
      expect(magnet.body.split(/\s+/).length, magnet.slug).toBeGreaterThan(800);
    }
    expect(magnets.some((magnet) => magnet.data.confirm)).toBe(true);
  });
});
