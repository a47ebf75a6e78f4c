import { describe, expect, it } from 'vitest';
import { renderEmail, type RenderContext } from '../../src/email/render.ts';
import { verifyLinkToken } from '../../src/leads/link-token.ts';
import { compileStep } from '../../src/nurture/sequences.ts';

const secret = 'step-email-secret-step-email-secret-0123';
const step = compileStep(
  'content/sequences/demo/01-hello.mdx',
  `---
subject: "Your worksheet, one more time"
preview: "The link again, in case it got buried."
delay: 1d
---

Hi {{ first_name | there }}, here is {{ magnet_title | your guide }}: [download it]({{ download_link }}).

Read [the article](/articles/speed-to-lead/) next.
`,
);
const context: RenderContext = {
  siteUrl: new URL('https://lodestone.example'),
  secret,
  now: 1_800_000_000_000,
  magnets: new Map([
    ['lead-scoring-worksheet', { title: 'The lead scoring worksheet', kind: 'worksheet', promise: 'p', thanks: { next: { label: 'n', href: '/' } } }],
  ]),
  sequences: new Map([['demo', { slug: 'demo', steps: [step] }]]),
};
const payload = { to: 'ada@example.com', name: 'Ada <Lovelace>', leadId: 9, magnet: 'lead-scoring-worksheet', sequence: 'demo', step: '01-hello' };

describe('a rendered sequence step', () => {
  const email = renderEmail('sequence:demo/01-hello', payload, context);

  it('fills the merge fields, escaping what the lead typed in the HTML', () => {
    expect(email.subject).toBe('Your worksheet, one more time');
    expect(email.text).toMatch(
      /^Hi Ada, here is the lead scoring worksheet: download it \(https:\/\/lodestone\.example\/download\/d\.9\.lead-scoring-worksheet\./,
    );
    const named = renderEmail('sequence:demo/01-hello', { ...payload, name: '<b>Bold</b> Person' }, context);
    expect(named.html).toContain('Hi &lt;b&gt;Bold&lt;/b&gt;,');
  });

  it('signs the download link for this lead and magnet', () => {
    const token = /\/download\/([\w.-]+)\)/.exec(email.text)![1]!;
    expect(verifyLinkToken(secret, token, 'download', context.now).ok).toBe(true);
  });

  it('points site-relative links at the site, in both parts', () => {
    expect(email.html).toContain('href="https://lodestone.example/articles/speed-to-lead/"');
    expect(email.text).toContain('the article (https://lodestone.example/articles/speed-to-lead/)');
  });

  it('carries one-click unsubscribe: the headers and a visible link, signed for the lead', () => {
    const url = /^<(https:\/\/lodestone\.example\/unsubscribe\/([\w.-]+))>$/.exec(email.headers!['List-Unsubscribe']!)!;
    expect(email.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(verifyLinkToken(secret, url[2]!, 'unsubscribe', context.now + 4 * 365 * 86_400_000)).toMatchObject({ ok: true, claims: { leadId: 9 } });
    expect(email.html).toContain(`href="${url[1]}"`);
    expect(email.text).toContain(`Unsubscribe with one click: ${url[1]}`);
  });

  it('uses the fallbacks when there is no name and no magnet', () => {
    const bare = renderEmail('sequence:demo/01-hello', { ...payload, name: null, magnet: undefined }, context);
    expect(bare.text).toMatch(/^Hi there, here is your guide: download it \(https:\/\/lodestone\.example\/magnets\/\)/);
  });

  it('refuses a step that is not in the catalog', () => {
    expect(() => renderEmail('sequence:demo/09-gone', payload, context)).toThrow('step "demo/09-gone" is not in content/sequences/');
  });
});
