import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineHashes, securityHeaders, withPagePolicy } from '../../src/ops/security-headers.ts';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('inlineHashes', () => {
  it.each([
    { name: 'a plain inline script', html: '<script>go()</script>', scripts: [sha('go()')], styles: [] },
    { name: 'a module script, whitespace kept', html: '<script type="module">\n  go();\n</script>', scripts: [sha('\n  go();\n')], styles: [] },
    { name: 'a script with src needs no hash', html: '<script type="module" src="/_astro/a.js"></script>', scripts: [], styles: [] },
    { name: 'JSON-LD is data, not code', html: '<script type="application/ld+json">{"@type":"Article"}</script>', scripts: [], styles: [] },
    { name: 'an inline style', html: '<style>p{color:red}</style>', scripts: [], styles: [sha('p{color:red}')] },
    { name: 'the same script twice, one hash', html: '<script>a()</script><p></p><SCRIPT defer>a()</SCRIPT>', scripts: [sha('a()')], styles: [] },
    { name: 'non-ASCII text hashed as UTF-8', html: '<script>say("café")</script>', scripts: [sha('say("café")')], styles: [] },
  ])('$name', ({ html, scripts, styles }) => {
    expect(inlineHashes(html)).toEqual({ scripts: [...scripts].sort(), styles });
  });

  it('hashes style attributes (an email in its preview) as the browser parses them', () => {
    const html =
      '<p style="margin:0 0 16px">a</p><a href="/" style="font-family:&quot;Inter&quot;, sans-serif">b</a><p style="margin:0 0 16px">c</p>';
    expect(inlineHashes(html).styleAttributes).toEqual([sha('margin:0 0 16px'), sha('font-family:"Inter", sans-serif')].sort());
    expect(contentSecurityPolicy(inlineHashes(html))).toContain(
      `style-src 'self' 'unsafe-hashes' ${[sha('margin:0 0 16px'), sha('font-family:"Inter", sans-serif')].sort().join(' ')};`,
    );
  });
});

describe('contentSecurityPolicy', () => {
  it('allows inline code only by hash, and no framing', () => {
    const policy = contentSecurityPolicy({ scripts: ["'sha256-A'"], styles: ["'sha256-B'"] });
    expect(policy).toContain("script-src 'self' 'sha256-A';");
    expect(policy).toContain("style-src 'self' 'sha256-B';");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});

describe('securityHeaders', () => {
  it.each([
    { site: 'https://example.com', hsts: 'max-age=31536000' },
    { site: 'http://localhost:4321', hsts: undefined },
  ])('$site: HSTS $hsts', ({ site, hsts }) => {
    const headers = securityHeaders(new URL(site));
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['Strict-Transport-Security']).toBe(hsts);
  });
});

describe('withPagePolicy', () => {
  it('gives an HTML page the hashes of its own inline scripts, body unchanged', async () => {
    const html = '<!doctype html><p>é</p><script>run()</script>';
    const answer = await withPagePolicy(new Response(html, { status: 422, headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-security-policy')).toContain(`script-src 'self' ${sha('run()')};`);
    expect(await answer.text()).toBe(html);
  });

  it('keeps a policy the page set itself (the email preview, framed by the admin)', async () => {
    const own = "default-src 'none'; frame-ancestors 'self'";
    const answer = await withPagePolicy(new Response('<p>mail</p>', { headers: { 'Content-Type': 'text/html', 'Content-Security-Policy': own } }));
    expect(answer.headers.get('content-security-policy')).toBe(own);
  });

  it('leaves JSON alone', async () => {
    const answer = await withPagePolicy(Response.json({ ok: true }));
    expect(answer.headers.has('content-security-policy')).toBe(false);
  });
});
