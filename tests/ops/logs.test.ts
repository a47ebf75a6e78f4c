import { describe, expect, it } from 'vitest';
import { useAppHarness } from '../support/app-harness.ts';
import { waitFor } from '../support/databases.ts';
import { postSignup, signup } from '../support/signup-client.ts';

const READER = 'Log.Reader@example.com';
const BOUNCED = 'never-logged@example.org';

/** A whole signup journey against the built server, then its log read line by line. */
describe('the server’s log', () => {
  const app = useAppHarness('sqlite', { TRUST_PROXY: '1', LOG_LEVEL: 'debug' });

  it('is JSON lines with a request id on each request, and names no address and no token', async () => {
    // A signup for a magnet: the email carries signed download and unsubscribe links.
    const accepted = await postSignup(app.server.base, signup(READER, { name: 'Lisette', magnet: 'lead-scoring-worksheet' }), {
      headers: { 'X-Request-Id': 'proxy-req-42' },
    });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('x-request-id')).toBe('proxy-req-42');
    await waitFor(() => app.fake.to(READER.toLowerCase()).length === 1, 3_000, 'the magnet email');
    const links = [...app.fake.to(READER.toLowerCase())[0]!.text.matchAll(/https?:\/\/\S+?(\/(?:download|unsubscribe|confirm)\/([\w.-]+))/g)];
    expect(links.length).toBeGreaterThan(0);
    for (const [, path] of links) await fetch(`${app.server.base}${path}`, { redirect: 'manual' }).then((response) => response.arrayBuffer());

    // An invalid signup quoting an address, and an email the provider refuses, quoting the address back.
    expect((await postSignup(app.server.base, signup(`${BOUNCED}>`))).status).toBe(422);
    app.fake.failNext(1, { status: 422, name: 'validation_error', message: `Invalid \`to\` field: ${BOUNCED}` });
    expect((await postSignup(app.server.base, signup(BOUNCED))).status).toBe(202);
    await waitFor(() => /"msg":"[^"]*failed/.test(app.server.output()), 3_000, 'the failed send in the log');
    await app.server.stop();

    const lines = app.server
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((entry) => entry.msg === 'request');
    expect(requests.length).toBeGreaterThan(links.length + 2);
    for (const entry of requests) expect(entry.requestId).toMatch(/^[\w.:-]{1,128}$/);
    expect(requests.find((entry) => entry.route === '/api/leads' && entry.requestId === 'proxy-req-42')).toBeDefined();
    expect(entries.some((entry) => String(entry.msg).includes('[address]'))).toBe(true);

    const log = lines.join('\n').toLowerCase();
    for (const address of [READER, BOUNCED]) expect(log).not.toContain(address.toLowerCase());
    expect(log).not.toContain('lisette');
    for (const [, , token] of links) expect(log).not.toContain(token!.toLowerCase());
  });
});
