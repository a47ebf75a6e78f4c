import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLead } from '../../src/leads/capture-lead.ts';
import { newsletterForm } from '../../src/leads/signup-forms.ts';
import { parseSignup } from '../../src/leads/signup-input.ts';
import { startRuntime } from '../../src/server/runtime.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/databases.ts';
import { TEST_SECRET } from '../support/signup-client.ts';

/** `SCORING=off` pauses scoring without losing a lead: each one stored meanwhile is scored once it is on again. */
describe.each(engines)('SCORING=off on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(() => database?.drop());

  const runtime = (scoring: 'on' | 'off') =>
    startRuntime({ DATABASE_URL: database.url, LODESTONE_SECRET: TEST_SECRET, SCORING: scoring }, () => {}, { sender: 'manual' });

  it('stores leads due for scoring and scores none, then scores each of them once scoring is on', async () => {
    const paused = await runtime('off');
    const parsed = parseSignup({ email: `paused-${engine}@example.com`, consent: true });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const fields = { budget: 'Over $10,000' };
    const { leadId } = await captureLead(paused.store, parsed.input, { form: newsletterForm, fields, userAgent: undefined, now: Date.now() });
    expect(await paused.sender.runOnce()).toMatchObject({ scored: 0 });
    const lead = () => paused.store.db.selectFrom('leads').select(['score', 'rescore_at']).where('id', '=', leadId).executeTakeFirstOrThrow();
    expect(await lead()).toMatchObject({ score: 0, rescore_at: expect.any(Number) });
    await paused.close();

    const resumed = await runtime('on');
    try {
      expect(await resumed.sender.runOnce()).toMatchObject({ scored: 1 });
      const scored = await resumed.store.db.selectFrom('leads').select(['score', 'rescore_at']).where('id', '=', leadId).executeTakeFirstOrThrow();
      expect(scored).toEqual({ score: 20, rescore_at: null });
    } finally {
      await resumed.close();
    }
  });
});
