import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { verifyLinkToken } from '../../src/leads/link-token.ts';
import { SAMPLE_LEAD_ID } from '../../src/nurture/email-preview.ts';
import { loadSequences } from '../../src/nurture/sequences.ts';
import { useAppHarness } from '../support/app-harness.ts';
import { projectRoot } from '../support/app-server.ts';
import { TEST_SECRET } from '../support/signup-client.ts';

const PASSWORD = 'preview-password-0123';
const basic = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
const sequences = [...(await loadSequences('no-build-here.json')).values()];

describe('email previews at /admin/emails/preview/', () => {
  const app = useAppHarness('sqlite', { ADMIN_PASSWORD: PASSWORD });
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.server.base}${path}`, { headers });

  it.each([
    ['no credentials', {}],
    ['a wrong password', basic('admin', 'guess-guess-guess')],
    ['another user', basic('root', PASSWORD)],
  ])('asks for the admin password: %s', async (_, headers) => {
    const response = await get('/admin/emails/preview/', headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm="Lodestone admin"/);
  });

  it('lists every step of every sequence', async () => {
    const html = await (await get('/admin/emails/preview/', basic('admin', PASSWORD))).text();
    for (const sequence of sequences) for (const step of sequence.steps) expect(html).toContain(`/admin/emails/preview/${sequence.slug}/${step.id}`);
  });

  it('renders each step as the inbox shows it, with sample data, in HTML and plain text', async () => {
    for (const sequence of sequences) {
      for (const step of sequence.steps) {
        const html = await get(`/admin/emails/preview/${sequence.slug}/${step.id}`, basic('admin', PASSWORD));
        expect(html.status).toBe(200);
        expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
        const body = await html.text();
        expect(body).toContain(`<title>${step.subject.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}</title>`);
        expect(body).toMatch(/Hi Sam,/);
        expect(body).not.toMatch(/\{\{|MERGEFIELD/);
        const text = await (await get(`/admin/emails/preview/${sequence.slug}/${step.id}?text`, basic('admin', PASSWORD))).text();
        expect(text).toMatch(new RegExp(`^Subject: ${step.subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n\nHi Sam,`));
      }
    }
  });

  it('renders for a sample lead that does not exist, so following its links changes no real lead', async () => {
    const now = Date.now();
    const lead = await app.store.write((trx) =>
      trx
        .insertInto('leads')
        .values({ email: 'first-lead@example.com', name: 'First Lead', status: 'new', created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    expect(lead.id).toBe(1);
    const html = await (await get('/admin/emails/preview/lead-scoring-worksheet/01-score-last-year', basic('admin', PASSWORD))).text();
    const unsubscribe = /href="https?:\/\/[^/"]+(\/unsubscribe\/([\w.-]+))"/.exec(html)!;
    const download = /href="https?:\/\/[^/"]+(\/download\/([\w.-]+))"/.exec(html)!;
    // What a mail client's one-click unsubscribe sends, then a person opening the links.
    const oneClick = await fetch(`${app.server.base}${unsubscribe[1]}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(403);
    expect((await get(unsubscribe[1]!)).status).toBe(403);
    expect((await get(download[1]!)).status).toBe(403);

    const after = await app.store.db.selectFrom('leads').select(['id', 'unsubscribed_at']).execute();
    expect(after).toEqual([{ id: 1, unsubscribed_at: null }]);
    expect(await app.store.db.selectFrom('downloads').selectAll().execute()).toEqual([]);
    expect(verifyLinkToken(TEST_SECRET, unsubscribe[2]!, 'unsubscribe', now)).toMatchObject({ ok: true, claims: { leadId: SAMPLE_LEAD_ID } });
    expect(verifyLinkToken(TEST_SECRET, download[2]!, 'download', now)).toMatchObject({ ok: true, claims: { leadId: SAMPLE_LEAD_ID } });
  });

  it('answers 404 for a step that does not exist', async () => {
    expect((await get('/admin/emails/preview/welcome/99-nothing', basic('admin', PASSWORD))).status).toBe(404);
  });
});

describe('npm run email:send-test', () => {
  const app = useAppHarness('sqlite');
  const sendTest = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['src/cli/email-send-test.ts', ...args], {
      cwd: projectRoot,
      env: app.cliEnv(),
    });

  it('sends one step for real, through Resend', async () => {
    const { stdout } = await sendTest('lead-scoring-worksheet/03-decay', 'editor@example.com');
    expect(stdout).toContain('sent lead-scoring-worksheet/03-decay to editor@example.com through resend');
    const [delivery] = app.fake.to('editor@example.com');
    expect(delivery!.subject).toBe(
      sequences.find((sequence) => sequence.slug === 'lead-scoring-worksheet')!.steps.find((step) => step.id === '03-decay')!.subject,
    );
    expect(delivery!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('names the steps there are when asked for one that is not', async () => {
    const failure = await sendTest('welcome/99-nothing', 'editor@example.com').then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/no step "welcome\/99-nothing"; steps: .*welcome\/01-one-number/);
  });
});
