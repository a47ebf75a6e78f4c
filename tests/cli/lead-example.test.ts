import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/app-server.ts';
import { useCrmHarness } from '../support/crm-harness.ts';
import { engines, waitFor } from '../support/databases.ts';
import { postSignup } from '../support/signup-client.ts';

const run = promisify(execFile);

/** The body `npm run lead:example -- <kind>` prints on its last line. */
async function example(kind: string): Promise<{ stdout: string; body: Record<string, unknown> }> {
  const { stdout } = await run(process.execPath, ['src/cli/lead-example.ts', kind], { cwd: projectRoot });
  return { stdout, body: JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown> };
}

describe.each(engines)('npm run lead:example, posted to the server, on %s', (engine) => {
  const crm = useCrmHarness(engine);

  /** The lead once the qualifier has scored it: nothing due now (behaviour points make it due tomorrow). */
  const lead = async (email: string) => {
    const scored = await waitFor(
      async () => {
        const row = await crm.store.db
          .selectFrom('leads')
          .select(['id', 'status', 'score', 'rescore_at'])
          .where('email', '=', email)
          .executeTakeFirst();
        return row && (row.rescore_at === null || row.rescore_at > Date.now()) ? row : undefined;
      },
      5_000,
      `${email} scored`,
    );
    return scored!;
  };

  it('hot: the body reaches the CRM as a sales-ready lead', async () => {
    const { stdout, body } = await example('hot');
    expect(stdout).toMatch(/^Sales-ready with today's rules: \d+ points \(sales-ready\)/);
    expect((await postSignup(crm.server.base, body)).status).toBe(202);
    const scored = await lead(String(body.email));
    expect(scored.status).toBe('sales-ready');
    await waitFor(() => crm.receiver.received.length > 0, 5_000, 'the hand-off at the CRM');
    expect(crm.receiver.verified).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ lead: expect.objectContaining({ id: scored.id, email: body.email }) }) }),
    ]);
  });

  it('cold: the body is stored and scored, and nobody is told', async () => {
    const { stdout, body } = await example('cold');
    expect(stdout).toMatch(/^Cold with today's rules: -?\d+ points \(new\)/);
    const before = crm.receiver.received.length;
    expect((await postSignup(crm.server.base, body)).status).toBe(202);
    expect(await lead(String(body.email))).toMatchObject({ status: 'new' });
    const handoffs = await crm.store.db.selectFrom('outbox').select('id').where('kind', '=', 'webhook').execute();
    expect(handoffs).toHaveLength(before);
  });

  it('refuses anything but hot or cold', async () => {
    const failure = await run(process.execPath, ['src/cli/lead-example.ts', 'warm'], { cwd: projectRoot }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run lead:example -- hot|cold') });
  });
});
