import { beforeEach, describe, expect, it } from 'vitest';
import { enqueueHandoff, type HandoffConfig } from '../../src/handoff/enqueue-handoff.ts';
import { handoffBody } from '../../src/handoff/handoff.ts';
import { engines, useMigratedStore } from '../support/databases.ts';
import { insertLead, sampleHandoff, SITE_URL } from '../support/handoff-fixtures.ts';
import { CRM_SECRET } from '../support/webhook-receiver.ts';

const BOTH: HandoffConfig = {
  siteUrl: SITE_URL,
  crmWebhook: { url: new URL('https://crm.example/hooks'), secret: CRM_SECRET },
  salesNotifyEmail: 'sales@example.com',
};
const NOW = Date.UTC(2026, 11, 1, 9, 0, 5);

describe.each(engines)('enqueueHandoff on %s', (engine) => {
  const useStore = useMigratedStore(engine);
  const rows = () => useStore().db.selectFrom('outbox').selectAll().orderBy('id').execute();
  let leadId: number;

  beforeEach(async () => {
    await useStore().db.deleteFrom('outbox').execute();
    await useStore().db.deleteFrom('leads').execute();
    leadId = await insertLead(useStore(), 'ada@example.com', 'Ada Lovelace');
  });

  it('queues the CRM webhook, keyed by its webhook id with the body it will POST, and the sales alert, both due at once', async () => {
    const handoff = sampleHandoff(leadId);
    const queued = await useStore().write((trx) => enqueueHandoff(trx, handoff, BOTH, NOW));

    const [webhook, alert] = await rows();
    expect(queued).toEqual({ webhookRowId: webhook!.id, alertRowId: alert!.id });
    expect(webhook).toMatchObject({
      kind: 'webhook',
      lead_id: leadId,
      template: 'crm-handoff',
      idempotency_key: `msg_${handoff.eventId}`,
      payload: handoffBody(handoff, SITE_URL),
      status: 'pending',
      attempts: 0,
      next_attempt_at: NOW,
    });
    expect(alert).toMatchObject({
      kind: 'email',
      lead_id: leadId,
      template: 'sales-alert',
      idempotency_key: `sales-alert:${handoff.eventId}`,
      next_attempt_at: NOW,
    });
    expect(JSON.parse(alert!.payload)).toEqual({ to: 'sales@example.com', name: null, handoff });
  });

  it('writes nothing for an event it has queued before, even from a second enqueue', async () => {
    const handoff = sampleHandoff(leadId);
    await useStore().write((trx) => enqueueHandoff(trx, handoff, BOTH, NOW));
    const again = await useStore().write((trx) => enqueueHandoff(trx, { ...handoff, score: 80 }, BOTH, NOW + 1_000));

    expect(again).toEqual({ webhookRowId: undefined, alertRowId: undefined });
    expect(await rows()).toHaveLength(2);
    expect(JSON.parse((await rows())[0]!.payload).data.score.total).toBe(72);
  });

  it('queues one hand-off per event: a second status change is a second webhook with an id of its own', async () => {
    await useStore().write((trx) => enqueueHandoff(trx, sampleHandoff(leadId, { eventId: 'evt-a' }), BOTH, NOW));
    await useStore().write((trx) => enqueueHandoff(trx, sampleHandoff(leadId, { eventId: 'evt-b', reason: 'consultation' }), BOTH, NOW));
    expect((await rows()).filter((row) => row.kind === 'webhook').map((row) => row.idempotency_key)).toEqual(['msg_evt-a', 'msg_evt-b']);
  });

  it.each([
    ['only the webhook without SALES_NOTIFY_EMAIL', { ...BOTH, salesNotifyEmail: undefined }, ['webhook']],
    ['only the alert without CRM_WEBHOOK_URL', { ...BOTH, crmWebhook: undefined }, ['email']],
    ['nothing with neither', { ...BOTH, crmWebhook: undefined, salesNotifyEmail: undefined }, []],
  ])('queues %s', async (_, config, kinds) => {
    await useStore().write((trx) => enqueueHandoff(trx, sampleHandoff(leadId), config, NOW));
    expect((await rows()).map((row) => row.kind)).toEqual(kinds);
  });

  it('rolls back with the caller’s transaction', async () => {
    await expect(
      useStore().write(async (trx) => {
        await enqueueHandoff(trx, sampleHandoff(leadId), BOTH, NOW);
        throw new Error('the status change failed');
      }),
    ).rejects.toThrow(/status change failed/);
    expect(await rows()).toEqual([]);
  });
});
