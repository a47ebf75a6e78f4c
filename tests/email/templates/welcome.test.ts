import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../../src/email/render.ts';
import { renderWelcome } from '../../../src/email/templates/welcome.ts';

const siteUrl = new URL('https://lodestone.example');

describe('renderWelcome', () => {
  it.each([
    ['Ada Lovelace', 'Hi Ada,'],
    ['  Grace  ', 'Hi Grace,'],
    [null, 'Hi there,'],
    ['   ', 'Hi there,'],
  ])('greets %j as %j in both parts', (name, greeting) => {
    const email = renderWelcome({ name, siteUrl });
    expect(email.text.startsWith(greeting)).toBe(true);
    expect(email.html).toContain(greeting);
  });

  it('escapes a name that looks like markup', () => {
    const email = renderWelcome({ name: '<img src=x onerror=alert(1)>', siteUrl });
    expect(email.html).not.toContain('<img src=x');
    expect(email.html).toContain('Hi &lt;img,');
  });

  it('links to articles on the configured site, in both parts', () => {
    const email = renderWelcome({ name: null, siteUrl });
    for (const path of ['/articles/what-is-a-lead/', '/articles/lead-magnets-that-convert/', '/articles/speed-to-lead/']) {
      expect(email.html).toContain(`href="https://lodestone.example${path}"`);
      expect(email.text).toContain(`https://lodestone.example${path}`);
    }
    expect(email.subject.length).toBeLessThanOrEqual(78);
  });
});

describe('renderEmail', () => {
  it('refuses a template it does not know', () => {
    expect(() =>
      renderEmail(
        'no-such-template',
        { to: 'a@example.com', name: null },
        { siteUrl, secret: 'x'.repeat(32), magnets: new Map(), sequences: new Map(), now: 0 },
      ),
    ).toThrow(/unknown email template "no-such-template"/);
  });
});
