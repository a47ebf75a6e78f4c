import { describe, expect, it } from 'vitest';
import { useAppHarness } from '../support/app-harness.ts';
import { engines } from '../support/databases.ts';
import { postSignup, signup } from '../support/signup-client.ts';

describe.each(engines)('landing pages on the server, %s', (engine) => {
  const app = useAppHarness(engine);
  const get = (path: string, cookie?: string) =>
    fetch(`${app.server.base}${path}`, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });

  it('records the landing page and variant with the touch, for conversion per variant', async () => {
    const email = `lp-${engine}@example.com`;
    const response = await postSignup(
      app.server.base,
      signup(email, {
        magnet: 'lead-scoring-worksheet',
        landing: 'lead-scoring',
        variant: 'google-search',
        utm_source: 'google',
        gclid: 'Cj0-test',
        page: '/lp/lead-scoring/google-search/',
      }),
    );
    expect(response.status).toBe(202);
    const touch = await app.store.db
      .selectFrom('touches')
      .innerJoin('leads', 'leads.id', 'touches.lead_id')
      .select(['touches.landing', 'touches.variant', 'touches.magnet', 'touches.gclid'])
      .where('leads.email', '=', email)
      .executeTakeFirstOrThrow();
    expect(touch).toEqual({ landing: 'lead-scoring', variant: 'google-search', magnet: 'lead-scoring-worksheet', gclid: 'Cj0-test' });
  });

  it.each([
    [{ landing: 'lead-scoring', variant: 'nope' }, { variant: 'is not a variant of this landing page' }],
    [{ landing: 'made-up', variant: 'google-search' }, { landing: 'is not a landing page on this site' }],
    [{ landing: 'lead-scoring', variant: 'tiktok-founder' }, { variant: 'is not a variant of this landing page' }],
  ])('refuses a signup naming %j with 422', async (fields, errors) => {
    const response = await postSignup(app.server.base, signup(`bad-lp-${engine}@example.com`, { magnet: 'lead-scoring-worksheet', ...fields }));
    expect(response.status).toBe(422);
    expect((await response.json()).errors).toEqual(errors);
  });

  it('assigns a visitor of a split landing page to a variant, keeps them there, and counts each visitor once', async () => {
    const first = await get('/lp/lead-scoring/?utm_source=newsletter&kw=x');
    expect(first.status).toBe(302);
    const location = first.headers.get('location')!;
    const [, variant] = /^\/lp\/lead-scoring\/(meta-worksheet|meta-examples)\/\?utm_source=newsletter&kw=x$/.exec(location)!;
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^lp_lead_scoring=${variant}; Path=/lp/lead-scoring/; Max-Age=7776000; SameSite=Lax$`));
    expect(first.headers.get('cache-control')).toBe('private, no-store');

    for (let visit = 0; visit < 5; visit++) {
      const again = await get('/lp/lead-scoring/', cookie.split(';')[0]);
      expect(again.headers.get('location')).toBe(`/lp/lead-scoring/${variant}/`);
    }
    const assignments = await app.store.db.selectFrom('variant_assignments').selectAll().where('landing', '=', 'lead-scoring').execute();
    expect(assignments.map((row) => row.variant)).toEqual([variant]);
    expect((await get(location)).status).toBe(200);
  });

  it.each(['lp_lead_scoring=%', 'lp_lead_scoring=%E0%A4%A', 'theme=%; lp_lead_scoring=%zz'])(
    'assigns a visitor whose split cookie is malformed (%s) a fresh variant',
    async (cookie) => {
      const response = await get('/lp/lead-scoring/', cookie);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toMatch(/^\/lp\/lead-scoring\/(meta-worksheet|meta-examples)\/$/);
      expect(response.headers.get('set-cookie')).toMatch(/^lp_lead_scoring=(meta-worksheet|meta-examples); /);
    },
  );

  it('spreads new visitors over the weighted variants only', async () => {
    const seen = new Set<string>();
    for (let visit = 0; visit < 40; visit++) seen.add((await get('/lp/lead-scoring/')).headers.get('location')!);
    expect([...seen].sort()).toEqual(['/lp/lead-scoring/meta-examples/', '/lp/lead-scoring/meta-worksheet/']);
  });

  it('serves a landing page without a split as its prerendered default variant', async () => {
    const response = await get('/lp/message-match/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('name="variant" value="tiktok-founder"');
  });
});
