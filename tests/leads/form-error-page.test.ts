import { describe, expect, it } from 'vitest';
import { engines } from '../support/databases.ts';
import { linkHref, title } from '../support/html.ts';
import { postSignup, stamp } from '../support/signup-client.ts';
import { useAppHarness } from '../support/app-harness.ts';

const FORM = { type: 'application/x-www-form-urlencoded' };
const ARTICLE = '/articles/lead-scoring-with-bant/';

/** The `<div>` row of the field whose control has `id`, from its opening to the next row. */
function rowOf(html: string, id: string): string {
  const at = html.indexOf(`id="${id}"`);
  expect(at, `no element with id ${id}`).toBeGreaterThan(-1);
  const start = html.lastIndexOf('<div class="lead-form__', at);
  const end = html.indexOf('</div>', at);
  return html.slice(start, end);
}

/** The 422 page a reader without JavaScript sees: the form again, in the site's look. */
describe.each(engines)('the 422 page of an HTML form post on %s', (engine) => {
  const app = useAppHarness(engine);

  async function post(fields: Record<string, string>): Promise<string> {
    const response = await postSignup(app.server.base, fields, FORM);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    return response.text();
  }

  const magnetPost = (extra: Record<string, string> = {}) => ({
    email: 'ada@example',
    name: 'Ada "<b>" Lovelace',
    company_size: '11-50 people',
    consent: 'on',
    magnet: 'lead-scoring-worksheet',
    page: ARTICLE,
    utm_source: 'meta & "friends"',
    gclid: 'Cj0-abc',
    landing_page: '/?utm_source=meta',
    first_touch: '{"utm_source":"google","at":1}',
    stamp: stamp(),
    website: '',
    ...extra,
  });

  it('shows the form again in the site layout, with the site stylesheet and header', async () => {
    const html = await post(magnetPost());
    const home = await (await fetch(`${app.server.base}/`)).text();
    expect(linkHref(html, 'stylesheet')).toMatch(/^\/_astro\/.+\.css$/);
    expect(linkHref(html, 'stylesheet')).toBe(linkHref(home, 'stylesheet'));
    expect(html).toContain('<header class="site-header">');
    expect(html).toContain('<footer class="site-footer">');
    expect(title(html)).toBe('Please check the form');
    expect(html).toMatch(/<meta name="robots" content="noindex">/);
    expect(html).toMatch(/<form class="lead-form" method="post" action="\/api\/leads"/);
  });

  it('puts each message beside its field, in words, and keeps what was typed, escaped', async () => {
    const html = await post(magnetPost({ company_size: 'Enormous', name: 'x'.repeat(101) }));
    const email = rowOf(html, 'retry-email');
    expect(email).toContain('<label for="retry-email">Email address</label>');
    expect(email).toMatch(/value="ada@example"/);
    expect(email).toMatch(/aria-invalid="true"/);
    expect(email).toMatch(/aria-describedby="retry-email-error"/);
    expect(email).toMatch(/<p class="field-error" id="retry-email-error" data-error-for="email">[A-Z][^<]+\.<\/p>/);

    const size = rowOf(html, 'retry-company_size');
    expect(size).toContain('Company size');
    expect(size).toMatch(/aria-invalid="true"/);
    expect(size).toMatch(/aria-describedby="retry-company_size-help retry-company_size-error"/);
    expect(size).toContain('>Please choose one of the options.</p>');

    expect(rowOf(html, 'retry-name')).toContain('First name must be at most 100 characters.');
    expect(html).not.toMatch(/<strong>(email|name|company_size)<\/strong>/);
  });

  it('keeps typed values escaped, the consent ticked, and carries every hidden field', async () => {
    const html = await post(magnetPost());
    expect(rowOf(html, 'retry-name')).toContain('value="Ada &quot;&lt;b&gt;&quot; Lovelace"');
    expect(html).not.toContain('<b>');
    expect(rowOf(html, 'retry-company_size')).toContain('<option value="11-50 people" selected>');
    expect(html).toMatch(/<input id="retry-consent" name="consent" type="checkbox" required aria-describedby="retry-consent-error" checked>/);
    for (const [name, value] of [
      ['magnet', 'lead-scoring-worksheet'],
      ['page', ARTICLE],
      ['utm_source', 'meta &amp; &quot;friends&quot;'],
      ['gclid', 'Cj0-abc'],
      ['landing_page', '/?utm_source=meta'],
      ['first_touch', '{&quot;utm_source&quot;:&quot;google&quot;,&quot;at&quot;:1}'],
    ]) {
      expect(html).toContain(`<input type="hidden" name="${name}" value="${value}">`);
    }
    expect(html).toMatch(/<input type="hidden" name="stamp" value="\d+\.[\w-]{43}">/);
    expect(html).toMatch(/<input type="text" name="website" tabindex="-1" autocomplete="off">/);
  });

  it('does not ask to tick the box when it was ticked (a bad address alone)', async () => {
    const html = await post(magnetPost());
    expect(html).toContain('<p class="field-error" id="retry-consent-error" data-error-for="consent"></p>');
    expect(html).not.toMatch(/tick the box/);
    expect(html).toContain('One thing needs fixing');

    const json = await postSignup(app.server.base, { email: 'ada@example', consent: true, stamp: stamp() });
    expect(json.status).toBe(422);
    expect((await json.json()).errors).toEqual({ email: expect.any(String) });
  });

  it('still asks to tick the box when it was not ticked', async () => {
    const { consent: _, ...unticked } = magnetPost();
    const html = await post(unticked);
    expect(html).toMatch(/<p class="field-error" id="retry-consent-error" data-error-for="consent">Please tick the box[^<]*<\/p>/);
    expect(html).toMatch(/id="retry-consent"[^>]*aria-invalid="true"/);
  });

  it.each([
    ['/\\evil.com', '/'],
    ['/%09/evil.com', '/'],
    ['/%2F/evil.com', '/'],
    ['//evil.com', '/'],
    [ARTICLE, ARTICLE],
  ])('links back to %s as %s', async (page, back) => {
    const html = await post(magnetPost({ page }));
    expect(html).toContain(`<a href="${back}">Back to the page you were on</a>`);
  });

  it('names a problem with a field the reader cannot see in words, not its raw name', async () => {
    const html = await post(magnetPost({ magnet: 'no-such-magnet', email: 'ada@example.com' }));
    expect(html).toContain('<li>The guide you asked for is not an offer on this site.</li>');
    expect(html).not.toContain('<form');
  });
});
