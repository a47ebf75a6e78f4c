import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cookieValue,
  endAdminSession,
  isAdminSession,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  startAdminSession,
} from '../../src/admin/admin-sessions.ts';
import type { LeadStore } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/databases.ts';

const T0 = Date.UTC(2026, 11, 1, 9);
const HOUR = 3_600_000;

describe.each(engines)('admin sessions on %s', (engine) => {
  let database: TestDatabase;
  let store: LeadStore;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = database.open();
    await migrateToLatest(store);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('ends a session left unused for the idle limit', async () => {
    const token = await startAdminSession(store, T0);
    expect(await isAdminSession(store, token, T0 + SESSION_IDLE_MS - 1)).toBe(true);
    const idle = await startAdminSession(store, T0);
    expect(await isAdminSession(store, idle, T0 + SESSION_IDLE_MS)).toBe(false);
  });

  it('keeps a session in use alive, but never past the absolute limit', async () => {
    const token = await startAdminSession(store, T0);
    let now = T0;
    // Used every 11 hours: each visit pushes the idle end further…
    while (now + 11 * HOUR < T0 + SESSION_ABSOLUTE_MS) {
      now += 11 * HOUR;
      expect(await isAdminSession(store, token, now)).toBe(true);
    }
    // …until a week after sign-in, however busy.
    expect(await isAdminSession(store, token, T0 + SESSION_ABSOLUTE_MS)).toBe(false);
  });

  it('knows no token after sign-out, nor one it never issued', async () => {
    const token = await startAdminSession(store, T0);
    await endAdminSession(store, token);
    expect(await isAdminSession(store, token, T0 + 1)).toBe(false);
    expect(await isAdminSession(store, 'x'.repeat(43), T0)).toBe(false);
    expect(await isAdminSession(store, undefined, T0)).toBe(false);
  });

  it('prunes expired sessions when someone signs in', async () => {
    await store.write((trx) => trx.deleteFrom('admin_sessions').execute());
    await startAdminSession(store, T0);
    await startAdminSession(store, T0 + SESSION_ABSOLUTE_MS + 1);
    const left = await store.db.selectFrom('admin_sessions').select('created_at').execute();
    expect(left.map((row) => row.created_at)).toEqual([T0 + SESSION_ABSOLUTE_MS + 1]);
  });
});

describe('cookieValue', () => {
  it.each([
    ['lodestone_admin=abc', 'abc'],
    ['a=1; lodestone_admin=abc; b=2', 'abc'],
    ['lodestone_admin_x=abc', undefined],
    ['x_lodestone_admin=abc', undefined],
    ['lodestone_admin=', undefined],
    [null, undefined],
  ])('reads %j as %j', (header, expected) => {
    expect(cookieValue(header, 'lodestone_admin')).toBe(expected);
  });
});
