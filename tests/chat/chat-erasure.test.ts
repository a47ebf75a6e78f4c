import { describe, expect, it } from 'vitest';
import { eraseLead } from '../../src/privacy/erase-lead.ts';
import { engines, useMigratedStore } from '../support/databases.ts';
import { personalTraces } from '../support/personal-traces.ts';

describe.each(engines)('a lead erased on request on %s', (engine) => {
  const store = useMigratedStore(engine);

  it('takes its chat conversations with it', async () => {
    const email = `erase-${engine}@acme.example`;
    const now = Date.now();
    const { id } = await store()
      .db.insertInto('leads')
      .values({ email, name: null, status: 'new', rescore_at: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const transcript = JSON.stringify([{ from: 'visitor', text: `I am ${email}` }]);
    await store().db.insertInto('chats').values({ lead_id: id, script: 'lead-scoring', transcript, outcome: 'new', created_at: now }).execute();
    expect(await personalTraces(store(), email, id)).toHaveLength(2);

    await eraseLead(store(), { id }, { waitMs: 0 });
    expect(await personalTraces(store(), email, id)).toEqual([]);
  });
});
