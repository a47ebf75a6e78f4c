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

it('covers every template: welcome, consultation, the sales alert, both magnet emails per magnet and every sequence step', () => {
  expect(emails.map(([label]) => label)).toEqual(
    expect.arrayContaining(['welcome', 'consultation', 'sales-alert', 'magnet lead-scoring-worksheet', 'magnet-confirm message-match-checklist']),
  );
  expect(marketing.length).toBeGreaterThan(10);
});
