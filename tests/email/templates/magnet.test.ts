import { describe, expect, it } from 'vitest';
import { renderEmail, type MagnetInfo, type RenderContext } from '../../../src/email/render.ts';
import { verifyLinkToken } from '../../../src/leads/link-token.ts';
import { shippedRenderContext } from '../../support/shipped-emails.ts';

const magnet: MagnetInfo = {
  title: 'The lead scoring worksheet',
  kind: 'worksheet',
  promise: 'Score leads out of 100.',
  thanks: { next: { label: 'Read: speed to lead.', href: '/articles/speed-to-lead/' } },
};
const context: RenderContext = {
  siteUrl: new URL('https://lodestone.example'),
  secret: 'magnet-email-secret-magnet-email-secret',
  magnets: new Map([['lead-scoring-worksheet', magnet]]),
  now: 1_800_000_000_000,
  sequences: new Map(),
};
const payload = { to: 'ada@example.com', name: 'Ada Lovelace', leadId: 7, magnet: 'lead-scoring-worksheet' };
const DAY = 86_400_000;

/** The token of the first `kind` link in the plain-text part. */
const tokenIn = (text: string, kind: string) => new RegExp(`https://lodestone\\.example/${kind}/([\\w.-]+)`).exec(text)?.[1] ?? '';

describe.each([
  ['magnet', 'download', 'Your copy of the lead scoring worksheet'],
  ['magnet-confirm', 'confirm', 'Confirm your address to get the lead scoring worksheet'],
] as const)('the %s email', (template, purpose, subject) => {
  const email = renderEmail(template, payload, context);

  it('has a subject that names the magnet and greets the lead by first name', () => {
    expect(email.subject).toBe(subject);
    expect(email.text).toMatch(/^Hi Ada,/);
    expect(email.html).toContain('Hi Ada,');
  });

  it(`carries a ${purpose} link signed for this lead and magnet, valid for 7 days from sending, in both parts`, () => {
    const token = tokenIn(email.text, purpose);
    expect(verifyLinkToken(context.secret, token, purpose, context.now + 7 * DAY - 1_000)).toEqual({
      ok: true,
      claims: { purpose, leadId: 7, magnet: 'lead-scoring-worksheet', expiresAt: context.now + 7 * DAY },
    });
    expect(verifyLinkToken(context.secret, token, purpose, context.now + 7 * DAY).ok).toBe(false);
    expect(email.html).toContain(`href="https://lodestone.example/${purpose}/${token}"`);
  });

  it('escapes what the lead typed', () => {
    const hostile = renderEmail(template, { ...payload, name: '<img src=x onerror=alert(1)>' }, context);
    expect(hostile.html).not.toContain('<img src=x');
    expect(hostile.html).toContain('&lt;img');
  });
});

describe('magnet emails', () => {
  it('never carry a download link in the confirmation', () => {
    expect(renderEmail('magnet-confirm', payload, context).text).not.toContain('/download/');
  });

  it.each([
    ['no lead id', { ...payload, leadId: undefined }, 'a magnet email needs leadId and magnet in its payload'],
    ['a magnet that is gone', { ...payload, magnet: 'retired-ebook' }, 'magnet "retired-ebook" is not on this site'],
  ])('refuse to render with %s', (_, broken, message) => {
    expect(() => renderEmail('magnet', broken, context)).toThrow(message);
  });
});

/** Each shipped magnet's title, as it must read inside a sentence. */
const shipped = await shippedRenderContext();
describe.each([
  ['lead-scoring-worksheet', 'the lead scoring worksheet'],
  ['message-match-checklist', 'the landing-page message-match checklist'],
  ['five-email-nurture-templates', 'the five-email nurture sequence template pack'],
])('the emails of the shipped magnet %s', (magnet, inSentence) => {
  const delivery = renderEmail('magnet', { ...payload, magnet }, shipped);
  const confirmation = renderEmail('magnet-confirm', { ...payload, magnet }, shipped);

  it('name it as it reads mid-sentence, in the subject and in both parts of the body', () => {
    expect(shipped.magnets.has(magnet)).toBe(true);
    expect(delivery.subject).toBe(`Your copy of ${inSentence}`);
    expect(confirmation.subject).toBe(`Confirm your address to get ${inSentence}`);
    for (const part of [delivery.text, delivery.html]) expect(part).toContain(`Here is your copy of ${inSentence}, as promised.`);
    for (const part of [confirmation.text, confirmation.html]) expect(part).toContain(`You asked for ${inSentence}. Please confirm`);
  });

  it('never put a capital letter after "of", "for" or "get"', () => {
    for (const part of [delivery.subject, delivery.text, confirmation.subject, confirmation.text]) {
      expect(part).not.toMatch(/\b(?:of|for|get|is) (?:The|A|An|Five)\b/);
    }
  });

  it('links the next step by its label in the HTML and spells out its URL in the plain text', () => {
    const next = shipped.magnets.get(magnet)!.thanks.next;
    const href = new URL(next.href, shipped.siteUrl).href;
    expect(delivery.html).toContain(
      `<a href="${href}" style="color:#0b5cad;font-weight:600;">${next.label.replace(/&/g, '&amp;').replace(/'/g, '&#39;')}</a>`,
    );
    expect(delivery.text).toContain(`When you have had a look, a good next step:\n\n${next.label}\n${href}`);
  });
});
