import { describe, expect, it } from 'vitest';
import { OutboxStatus } from '../../src/outbox/outbox-status.ts';
import { settlement, settleRows } from '../../src/outbox/settle-rows.ts';
import type { OutboxRow } from '../../src/outbox/send-attempts.ts';
import { engines, useMigratedStore } from '../support/databases.ts';

const LEASE = 1_000_000;
const OTHER_LEASE = 2_000_000;

describe.each(engines)('settleRows on %s', (engine) => {
  const useStore = useMigratedStore(engine);

  it('writes each row its own outcome and provider id, and leaves a row another sender has claimed since', async () => {
    const store = useStore();
    const { id: leadId } = await store.db
      .insertInto('leads')
      .values({ email: 'settle@example.com', name: null, status: 'new', created_at: 1, updated_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = await store.db
      .insertInto('outbox')
      .values(
        ['a', 'b', 'c', 'd', 'e'].map((key, index) => ({
          kind: 'email',
          lead_id: leadId,
          template: 'welcome',
          payload: '{}',
          idempotency_key: `settle-${key}`,
          status: OutboxStatus.Sending,
          attempts: 1,
          next_attempt_at: 1,
          // The last row was taken over by another sender after this one's lease lapsed.
          locked_until: index === 4 ? OTHER_LEASE : LEASE,
          created_at: 1,
        })),
      )
      .returningAll()
      .execute();
    const [a, b, c, d, e] = rows as [OutboxRow, OutboxRow, OutboxRow, OutboxRow, OutboxRow];
    // What this sender believes it holds: every row under its own lease.
    const claimed = new Map(rows.map((row) => [row.id, { ...row, locked_until: LEASE }]));

    await store.write((trx) =>
      settleRows(
        trx,
        [
          { id: a.id, values: { status: OutboxStatus.Sent, sent_at: 5, provider_id: 'provider-a', attempt_id: null, last_error: null } },
          { id: b.id, values: { status: OutboxStatus.Sent, sent_at: 5, provider_id: 'provider-b', attempt_id: null, last_error: null } },
          { id: c.id, values: { status: OutboxStatus.Pending, next_attempt_at: 60, last_error: '503: try later' } },
          { id: d.id, values: { status: OutboxStatus.Sent, sent_at: 5, provider_id: null, attempt_id: null, last_error: null } },
          { id: e.id, values: { status: OutboxStatus.Sent, sent_at: 5, provider_id: 'provider-e', attempt_id: null, last_error: null } },
        ],
        claimed,
      ),
    );

    const after = await store.db
      .selectFrom('outbox')
      .select(['idempotency_key', 'status', 'provider_id', 'locked_until', 'next_attempt_at', 'last_error'])
      .where('lead_id', '=', leadId)
      .orderBy('idempotency_key')
      .execute();
    expect(after).toEqual([
      { idempotency_key: 'settle-a', status: 'sent', provider_id: 'provider-a', locked_until: null, next_attempt_at: 1, last_error: null },
      { idempotency_key: 'settle-b', status: 'sent', provider_id: 'provider-b', locked_until: null, next_attempt_at: 1, last_error: null },
      { idempotency_key: 'settle-c', status: 'pending', provider_id: null, locked_until: null, next_attempt_at: 60, last_error: '503: try later' },
      { idempotency_key: 'settle-d', status: 'sent', provider_id: null, locked_until: null, next_attempt_at: 1, last_error: null },
      { idempotency_key: 'settle-e', status: 'sending', provider_id: null, locked_until: OTHER_LEASE, next_attempt_at: 1, last_error: null },
    ]);
  });
});

describe('settlement: how an attempt ended, as /metrics counts it', () => {
  const retry = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 3 };
  const row = (attempts: number) => ({ id: 1, template: 'welcome', attempts }) as OutboxRow;
  it.each([
    { name: 'accepted', outcome: { ok: true, providerId: 'p-1' }, attempts: 1, result: 'sent', status: OutboxStatus.Sent },
    {
      name: 'a retryable failure with attempts left',
      outcome: { ok: false, retryable: true, error: 'http 503' },
      attempts: 1,
      result: 'retrying',
      status: OutboxStatus.Pending,
    },
    {
      name: 'a retryable failure out of attempts',
      outcome: { ok: false, retryable: true, error: 'http 503' },
      attempts: 3,
      result: 'gave_up',
      status: OutboxStatus.Failed,
    },
    { name: 'a refusal', outcome: { ok: false, retryable: false, error: 'http 422' }, attempts: 1, result: 'refused', status: OutboxStatus.Failed },
  ] as const)('$name → $result', ({ outcome, attempts, result, status }) => {
    const settled = settlement(row(attempts), outcome, 5, retry, () => undefined);
    expect(settled.result).toBe(result);
    expect(settled.values.status).toBe(status);
  });
});
