import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadStore } from '../../src/db/database.ts';
import { captureLead } from '../../src/leads/capture-lead.ts';
import { newsletterForm } from '../../src/leads/signup-forms.ts';
import { parseSignup } from '../../src/leads/signup-input.ts';
import { loadSequences } from '../../src/nurture/sequences.ts';
import { createTestDatabase, engines, useMigratedStore, type TestDatabase } from '../support/databases.ts';
import { startFloor } from './signup-load.ts';

/** A stored signup as comparable across two databases: each row's filled columns, and the values that say what it is. */
async function storedSignup(store: LeadStore, email: string) {
  const lead = await store.db.selectFrom('leads').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
  const touches = await store.db.selectFrom('touches').selectAll().where('lead_id', '=', lead.id).execute();
  const outbox = await store.db.selectFrom('outbox').selectAll().where('lead_id', '=', lead.id).orderBy('template').execute();
  const filled = (row: object) =>
    Object.entries(row)
      .filter(([, value]) => value !== null)
      .map(([column]) => column)
      .sort();
  return {
    lead: { columns: filled(lead), status: lead.status },
    touches: touches.map((touch) => ({ columns: filled(touch), form: touch.form, utm_source: touch.utm_source })),
    outbox: outbox.map((row) => ({
      columns: filled(row),
      kind: row.kind,
      template: row.template,
      status: row.status,
      payload: Object.keys(JSON.parse(row.payload) as object).sort(),
    })),
  };
}

describe.each(engines)("the bench's floor that stores a signup's rows, on %s", (engine) => {
  const lodestone = useMigratedStore(engine);
  let database: TestDatabase;
  let floor: Awaited<ReturnType<typeof startFloor>>;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    floor = await startFloor(engine === 'sqlite' ? 'sqlite-rows' : 'postgres-rows', database.url.replace(/^file:/, ''));
  });
  afterAll(async () => {
    floor?.stop();
    await database?.drop();
  });

  it('stores what Lodestone stores for the same signup: a lead, its touch, its first email and its first nurture step', async () => {
    const email = 'same-rows@bench.example';
    const answer = await fetch(`${floor.base}/api/leads`, { method: 'POST', body: JSON.stringify({ email }) });
    expect(answer.status).toBe(202);
    const parsed = parseSignup({ email, consent: true, utm_source: 'bench' });
    if (!parsed.ok) throw new Error('the signup is invalid');
    await captureLead(lodestone(), parsed.input, { form: newsletterForm, userAgent: undefined, now: Date.now(), sequences: await loadSequences() });

    const floorStore = database.open();
    try {
      const stored = await storedSignup(floorStore, email);
      expect(stored.outbox.map((row) => row.template)).toEqual(['sequence:welcome/01-one-number', 'welcome']);
      expect(stored).toEqual(await storedSignup(lodestone(), email));
    } finally {
      await floorStore.close();
    }
  });
});
