import { describe, expect, it } from 'vitest';
import { eraseLead } from '../../src/privacy/erase-lead.ts';
import { exportLead } from '../../src/privacy/export-lead.ts';
import { engines, useMigratedStore } from '../support/databases.ts';
import { personalTraces } from '../support/personal-traces.ts';

describe.each(engines)('a privacy request of a lead who chatted, on %s', (engine) => {
  const store = useMigratedStore(engine);

  it('exports its chat conversations, and its erasure takes them with it', async () => {
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

    // An access request shows the conversation; an erasure removes it.
    expect((await exportLead(store(), { id }))?.chats).toEqual([
      {
        id: expect.any(Number),
        script: 'lead-scoring',
        outcome: 'new',
        transcript: [{ from: 'visitor', text: `I am ${email}` }],
        created_at: expect.any(String),
      },
    ]);

    await eraseLead(store(), { id }, { waitMs: 0 });
    expect(await personalTraces(store(), email, id)).toEqual([]);
  });
});
