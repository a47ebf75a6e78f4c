import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/seo/escape-html.ts';
import { site } from '../../src/site.config.ts';
import { shippedEmails } from '../support/shipped-emails.ts';

const emails = await shippedEmails();
/** Marketing email: the welcome email and every sequence step; the rest answer a request. */
const marketing = emails.filter(([label]) => label === 'welcome' || label.startsWith('sequence:'));
/** What a reader sees of the HTML part: the body's text, tags and the hidden preview line dropped. */
const visibleText = (html: string) =>
  html
    .replace(/^[\s\S]*<body[^>]*>/, '')
    .replace(/<div style="display:none;[^>]*>[\s\S]*?<\/div>/, '')
    .replace(/<[^>]+>/g, ' ');

describe.each(emails)('the %s email', (_, email) => {
  it('ends with the sender’s postal address, in the HTML and the plain text', () => {
    expect(email.html).toContain(`<br>${escapeHtml(site.postalAddress)}</p>`);
    expect(email.text.endsWith(`\n${site.postalAddress}`)).toBe(true);
  });

  it("opens with the site's logo, served by the site, sized, and named for clients that block images", () => {
    const logo = /<img [^>]*>/.exec(email.html)?.[0] ?? '';
    expect(logo).toContain('src="https://lodestone.example/email-logo.png"');
    expect(logo).toMatch(/ width="196" height="48"/);
    expect(logo).toContain(`alt="${site.name}"`);
    // Styled so that, with images blocked, the alt text itself reads as the brand name in the brand's blue.
    expect(logo).toMatch(/style="[^"]*font-weight:700;[^"]*color:#0b5cad;/);
    expect(email.html.indexOf(logo)).toBeLessThan(email.html.indexOf('<p'));
  });

  it("uses the site's colours and fonts, light by default and dark where the client asks for it", () => {
    expect(email.html).toContain('<meta name="color-scheme" content="light dark">');
    expect(email.html).toMatch(
      /<head>[\s\S]*<style>[\s\S]*@media \(prefers-color-scheme: dark\)\{[\s\S]*\.email-card\{background:#1b1f24 !important;[\s\S]*<\/style>[\s\S]*<\/head>/,
    );
    expect(email.html).toMatch(
      /class="email-card"[^>]*style="[^"]*background:#ffffff;[^"]*font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;[^"]*color:#1b1f24;/,
    );
  });

  it('keeps a plain-text part that reads without the HTML', () => {
    expect(email.text.length).toBeGreaterThan(80);
    expect(email.text).not.toMatch(/<[a-z][^>]*>|logo\.png/);
  });

  it('shows no URL as text in the HTML, where a long one would widen the email on a phone', () => {
    expect(visibleText(email.html)).not.toMatch(/https?:\/\/|\b[\w-]+\.example\/\S/);
  });
});

describe.each(marketing)('the %s marketing email', (_, email) => {
  it('offers one-click unsubscribe as link text in the HTML and as the URL in the plain text', () => {
    const url = /^<(.+)>$/.exec(email.headers!['List-Unsubscribe']!)![1]!;
    expect(email.html).toContain(`<a href="${url}" style="color:#57606a;">Unsubscribe</a> with one click.`);
    expect(email.text).toContain(`Unsubscribe with one click: ${url}\n${site.postalAddress}`);
  });
});

it('links a logo the site serves: a PNG in public/ at three times the size the email shows it', () => {
  const png = readFileSync(join('public', 'email-logo.png'));
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([196 * 3, 48 * 3]);
});

it('covers every template: welcome, consultation, the sales alert, both magnet emails per magnet and every sequence step', () => {
  expect(emails.map(([label]) => label)).toEqual(
    expect.arrayContaining(['welcome', 'consultation', 'sales-alert', 'magnet lead-scoring-worksheet', 'magnet-confirm message-match-checklist']),
  );
  expect(marketing.length).toBeGreaterThan(10);
});
