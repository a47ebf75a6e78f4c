import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/db/database-url.ts';
import { openDatabase } from '../../src/db/database.ts';
import { checkReadiness, oldestDueAge } from '../../src/ops/readiness.ts';
import { OutboxStatus } from '../../src/outbox/outbox-status.ts';
import { engines, useMigratedStore } from '../support/databases.ts';

const NOW = 1_800_000_000_000;
const MINUTE = 60_000;

type Row = { status: string; next_attempt_at: number; locked_until?: number };

describe.each(engines)('oldestDueAge (%s)', (engine) => {
  const store = useMigratedStore(engine);
  let key = 0;

  it.each<{ name: string; rows: Row[]; age: number | undefined }>([
    { name: 'nothing queued', rows: [], age: undefined },
    { name: 'a row due later', rows: [{ status: OutboxStatus.Pending, next_attempt_at: NOW + MINUTE }], age: undefined },
    {
      name: 'the oldest of two due rows',
      rows: [
        { status: OutboxStatus.Pending, next_attempt_at: NOW - 2 * MINUTE },
        { status: OutboxStatus.Pending, next_attempt_at: NOW - 5 * MINUTE },
      ],
      age: 5 * MINUTE,
    },
    {
      name: 'sent and failed rows are not due',
      rows: [OutboxStatus.Sent, OutboxStatus.Failed, OutboxStatus.Skipped].map((status) => ({ status, next_attempt_at: NOW - 60 * MINUTE })),
      age: undefined,
    },
    {
      name: 'a claim still held',
      rows: [{ status: OutboxStatus.Sending, next_attempt_at: NOW - 60 * MINUTE, locked_until: NOW + MINUTE }],
      age: undefined,
    },
    {
      name: 'a claim that lapsed, due since it lapsed',
      rows: [{ status: OutboxStatus.Sending, next_attempt_at: NOW - 60 * MINUTE, locked_until: NOW - 3 * MINUTE }],
      age: 3 * MINUTE,
    },
  ])('$name', async ({ rows, age }) => {
    const db = store().db;
    await db.deleteFrom('outbox').execute();
    for (const row of rows) {
      await db
        .insertInto('outbox')
        .values({
          kind: 'email',
          lead_id: null,
          template: 'welcome',
          payload: '{}',
          idempotency_key: `readiness-${key++}`,
          attempts: 0,
          locked_until: null,
          created_at: NOW - 90 * MINUTE,
          ...row,
        })
        .execute();
    }
    expect(await oldestDueAge(store(), NOW)).toBe(age);
  });
});

describe('checkReadiness', () => {
  it('calls a database that cannot be reached failing, within its time limit, without throwing', async () => {
    const store = openDatabase(parseDatabaseUrl('postgres://nobody@127.0.0.1:1/none'));
    try {
      expect(await checkReadiness(store, { now: NOW, outboxStuckAfterMs: MINUTE, timeoutMs: 1_000 })).toEqual({
        ready: false,
        checks: { database: 'failing', migrations: 'failing', outbox: 'failing' },
      });
    } finally {
      await store.close();
    }
  });

  it('calls an empty SQLite file (never migrated) failing', async () => {
    const store = openDatabase(parseDatabaseUrl('file::memory:'));
    try {
      expect((await checkReadiness(store, { now: NOW, outboxStuckAfterMs: MINUTE })).checks.database).toBe('failing');
    } finally {
      await store.close();
    }
  });
});
