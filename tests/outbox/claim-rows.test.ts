import { beforeEach, describe, expect, it } from 'vitest';
import { claimDueRows } from '../../src/outbox/claim-rows.ts';
import { OutboxKind } from '../../src/outbox/outbox-kind.ts';
import { OutboxStatus } from '../../src/outbox/outbox-status.ts';
import { engines, useMigratedStore } from '../support/databases.ts';

const NOW = 1_000_000;
const LEASE_MS = 30_000;

describe.each(engines)('claimDueRows on %s', (engine) => {
  const useStore = useMigratedStore(engine);

  beforeEach(async () => {
    await useStore().db.deleteFrom('outbox').execute();
    await useStore().db.deleteFrom('send_attempts').execute();
  });

  /** Stores outbox rows keyed by name, with the lease columns given; returns their ids by name. */
  async function insert(
    rows: Record<string, { kind?: string; status: string; next_attempt_at: number; locked_until?: number; attempt_id?: number }>,
  ) {
    const inserted = await useStore()
      .db.insertInto('outbox')
      .values(
        Object.entries(rows).map(([key, row]) => ({
          kind: OutboxKind.Email,
          lead_id: null,
          template: 'welcome',
          payload: '{}',
          idempotency_key: key,
          attempts: 0,
          created_at: 1,
          ...row,
        })),
      )
      .returning(['id', 'idempotency_key'])
      .execute();
    return new Map(inserted.map((row) => [row.idempotency_key, row.id]));
  }

  async function request(key: string) {
    const { id } = await useStore()
      .db.insertInto('send_attempts')
      .values({ idempotency_key: key, emails: '[]', outbox_ids: '[]', created_at: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  const claim = (batchSize = 10) => claimDueRows(useStore(), { kind: OutboxKind.Email, now: NOW, batchSize, leaseMs: LEASE_MS });

  it('takes due rows and lapsed claims of its kind, leaves the rest, and leases each taken row for one more attempt', async () => {
    await insert({
      due: { status: OutboxStatus.Pending, next_attempt_at: NOW },
      later: { status: OutboxStatus.Pending, next_attempt_at: NOW + 1 },
      lapsed: { status: OutboxStatus.Sending, next_attempt_at: 0, locked_until: NOW - 1 },
      held: { status: OutboxStatus.Sending, next_attempt_at: 0, locked_until: NOW + 1 },
      webhook: { kind: OutboxKind.Webhook, status: OutboxStatus.Pending, next_attempt_at: 0 },
      sent: { status: OutboxStatus.Sent, next_attempt_at: 0 },
    });
    const claimed = await claim();
    expect(claimed.map((row) => [row.idempotency_key, row.status, row.locked_until, row.attempts]).sort()).toEqual([
      ['due', OutboxStatus.Sending, NOW + LEASE_MS, 1],
      ['lapsed', OutboxStatus.Sending, NOW + LEASE_MS, 1],
    ]);
    expect(await claim()).toEqual([]);
  });

  it('takes the other rows of a request with the one due, though their backoff ends later, so the request is made once', async () => {
    const [first, second] = [await request('first'), await request('second')];
    await insert({
      due: { status: OutboxStatus.Pending, next_attempt_at: 0, attempt_id: first },
      'same request, due later': { status: OutboxStatus.Pending, next_attempt_at: NOW + 60_000, attempt_id: first },
      'same request, claim lapsed': { status: OutboxStatus.Sending, next_attempt_at: NOW + 60_000, locked_until: NOW - 1, attempt_id: first },
      'same request, held': { status: OutboxStatus.Sending, next_attempt_at: 0, locked_until: NOW + 1, attempt_id: first },
      'another request, due later': { status: OutboxStatus.Pending, next_attempt_at: NOW + 60_000, attempt_id: second },
    });
    const claimed = await claim(1);
    expect(claimed.map((row) => row.idempotency_key).sort()).toEqual(['due', 'same request, claim lapsed', 'same request, due later']);
    expect(claimed.every((row) => row.status === OutboxStatus.Sending && row.locked_until === NOW + LEASE_MS)).toBe(true);
  });
});
