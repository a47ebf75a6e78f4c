import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { getCollection } from 'astro:content';
import { beforeAll, describe, expect, it } from 'vitest';
import LeadMagnet from '../../src/components/LeadMagnet.astro';
import { profilingQuestions } from '../../src/leads/profiling.ts';
import { loadScoringRules } from '../../src/scoring/load-rules.ts';

const magnets = await getCollection('magnets');
const single = magnets.find((magnet) => !magnet.data.confirm && magnet.data.form.fields.some((field) => field.type === 'select'))!;
const double = magnets.find((magnet) => magnet.data.confirm)!;

async function render(slug: string): Promise<string> {
  const container = await AstroContainer.create();
  return container.renderToString(LeadMagnet, { props: { slug }, request: new Request('http://localhost:4321/articles/some-article/') });
}

/** `text` as a literal inside a regular expression. */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The opening tag of the element with `id`. */
const tagWithId = (html: string, id: string) => new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`).exec(html)?.[0] ?? '';

describe('<LeadMagnet>', () => {
  it('has magnets to render: one single opt-in with a select, one double opt-in', () => {
    expect(single).toBeDefined();
    expect(double).toBeDefined();
  });

  describe('a single opt-in magnet', () => {
    let html = '';
    beforeAll(async () => {
      html = await render(single.id);
    });

    it('shows the offer: cover with alt text and size, promise and what is inside', () => {
      expect(html).toMatch(new RegExp(`<img[^>]*alt="${escape(single.data.cover.alt.replace(/'/g, '&#39;'))}"`));
      expect(html).toMatch(/<img[^>]*\swidth="\d+"[^>]*\sheight="\d+"|<img[^>]*\sheight="\d+"[^>]*\swidth="\d+"/);
      expect(html).toContain(single.data.promise);
      for (const item of single.data.inside) expect(html).toMatch(new RegExp(`<li[^>]*>${escape(item.replace(/'/g, '&#39;'))}</li>`));
    });

    it('is a plain form that posts to /api/leads with the magnet named, and works without JavaScript', () => {
      expect(html).toMatch(/<form[^>]*method="post"[^>]*action="\/api\/leads"[^>]*data-enhance/);
      expect(html).toMatch(new RegExp(`<input type="hidden" name="magnet" value="${single.id}"`));
      expect(html).toMatch(/<input type="hidden" name="page" value="\/articles\/some-article\/"/);
      expect(html).toMatch(/<button type="submit"[^>]*>/);
    });

    it('follows the form with the profiling questions it did not ask, hidden until the signup succeeds, carrying the address', async () => {
      const after = html.slice(html.indexOf('</form>') + '</form>'.length);
      expect(after).toMatch(/^<div class="lead-form__after" data-after-success hidden[ >]/);
      const asked = [...after.matchAll(/<select [^>]*name="([^"]+)"/g)].map(([, name]) => name);
      const expected = profilingQuestions(await loadScoringRules(), single.data.form.fields).map((question) => question.name);
      expect(asked).toEqual(expected);
      expect(asked).toHaveLength(3);
      for (const field of single.data.form.fields) expect(asked).not.toContain(field.name);
      expect(after).toMatch(/<input type="hidden" name="email" value="" data-carry-email[ >]/);
      expect(after).toMatch(new RegExp(`<input type="hidden" name="profile" value="${single.id}"[ >]`));
    });

    it('labels every field, asks the browser to autofill the address, and offers the declared choices', () => {
      const form = html.slice(0, html.indexOf('</form>'));
      const ids = [...form.matchAll(/<(?:input|select)[^>]*\sid="([^"]+)"/g)].map(([, id]) => id!);
      expect(ids.length).toBe(2 + single.data.form.fields.length);
      for (const id of ids) expect(html, id).toContain(`for="${id}"`);
      expect(tagWithId(html, `magnet-${single.id}-email`)).toMatch(/type="email"[^>]*autocomplete="email"[^>]*required/);
      const select = single.data.form.fields.find((field) => field.type === 'select')!;
      for (const option of select.options!) expect(html).toMatch(new RegExp(`<option[^>]*value="${escape(option)}"[^>]*>`));
      expect(html).toContain(single.data.consent.text.replace(/'/g, '&#39;'));
    });

    it('has a place beside each field for its error, tied to the field, and a live region for the outcome', () => {
      for (const name of ['email', 'consent', ...single.data.form.fields.map((field) => field.name)]) {
        const errorId = `magnet-${single.id}-${name}-error`;
        expect(html, name).toMatch(new RegExp(`id="${errorId}"[^>]*data-error-for="${name}"`));
        expect(tagWithId(html, `magnet-${single.id}-${name}`), name).toMatch(new RegExp(`aria-describedby="[^"]*${errorId}`));
      }
      expect(html).toMatch(/role="status"[^>]*aria-live="polite"[^>]*data-status/);
    });

    it('keeps a success state ready, hidden, with the download', () => {
      expect(html).toMatch(new RegExp(`data-success hidden[\\s\\S]*href="/download/${single.id}"`));
    });
  });

  it('under double opt-in, promises a confirmation email instead of a download', async () => {
    const html = await render(double.id);
    expect(html).toMatch(/data-success hidden[\s\S]*Check your inbox/);
    expect(html).not.toContain(`href="/download/`);
  });

  it('refuses a slug with no magnet, naming it', async () => {
    await expect(render('no-such-magnet')).rejects.toThrow('<LeadMagnet slug="no-such-magnet" />: there is no content/magnets/no-such-magnet.md');
  });
});
