import { describe, expect, it } from 'vitest';
import { captureLead, SIGNUP_EMAILS_PER_DAY } from '../../src/leads/capture-lead.ts';
import { newsletterForm } from '../../src/leads/signup-forms.ts';
import { magnetForm, resendingForm, signupInput as input } from '../support/capture-fixtures.ts';
import { engines, useMigratedStore } from '../support/databases.ts';

describe.each(engines)('captureLead on %s', (engine) => {
  const useStore = useMigratedStore(engine);

  const outboxFor = (leadId: number) => useStore().db.selectFrom('outbox').selectAll().where('lead_id', '=', leadId).execute();

  it('writes lead, touch and first email together', async () => {
    const now = Date.UTC(2026, 10, 22, 9);
    const result = await captureLead(useStore(), input({ email: 'together@example.com', consent: true, utm_source: 'meta' }), {
      form: newsletterForm,
      userAgent: 'test',
      now,
    });
    expect(result.isNewLead).toBe(true);
    const [row] = await outboxFor(result.leadId);
    expect(row).toMatchObject({ kind: 'email', template: 'welcome', status: 'pending', next_attempt_at: now, attempts: 0 });
    expect(JSON.parse(row!.payload)).toEqual({ to: 'together@example.com', name: null, leadId: result.leadId });
  });

  it(`sends at most ${SIGNUP_EMAILS_PER_DAY} signup emails to one address a day, and records every touch`, async () => {
    const start = Date.UTC(2026, 10, 22, 10);
    let leadId = 0;
    for (let index = 0; index < 5; index++) {
      ({ leadId } = await captureLead(useStore(), input({ email: 'flooded@example.com', consent: true }), {
        form: resendingForm,
        userAgent: undefined,
        now: start + index * 60_000,
      }));
    }
    expect(await outboxFor(leadId)).toHaveLength(SIGNUP_EMAILS_PER_DAY);
    const touches = await useStore().db.selectFrom('touches').select('emailed').where('lead_id', '=', leadId).execute();
    expect(touches.map((touch) => touch.emailed)).toEqual([1, 1, 1, 0, 0]);

    await captureLead(useStore(), input({ email: 'flooded@example.com', consent: true }), {
      form: resendingForm,
      userAgent: undefined,
      now: start + 86_400_001,
    });
    expect(await outboxFor(leadId)).toHaveLength(SIGNUP_EMAILS_PER_DAY + 1);
  });

  it('rolls everything back when any part fails', async () => {
    const count = async () =>
      Number(
        (
          await useStore()
            .db.selectFrom('leads')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    // A duplicate idempotency key makes the last insert of the transaction fail.
    const existing = await useStore().db.selectFrom('outbox').select('idempotency_key').executeTakeFirstOrThrow();
    await expect(
      captureLead(useStore(), input({ email: 'rolled-back@example.com', consent: true }), {
        form: newsletterForm,
        userAgent: undefined,
        now: Date.now(),
        newKey: () => existing.idempotency_key,
      }),
    ).rejects.toThrow();
    expect(await count()).toBe(before);
    expect(
      await useStore()
        .db.selectFrom('touches')
        .innerJoin('leads', 'leads.id', 'touches.lead_id')
        .select('touches.id')
        .where('leads.email', '=', 'rolled-back@example.com')
        .execute(),
    ).toEqual([]);
  });

  describe('a signup too fast to tell from a bot (screening too-fast)', () => {
    const touchesOf = (leadId: number) =>
      useStore().db.selectFrom('touches').select(['screening', 'emailed']).where('lead_id', '=', leadId).execute();

    it.each([
      ['a new address', 'fast-new@example.com', undefined, 'too-fast', 'magnet-confirm'],
      ['the same signup taken as it came', 'slow-new@example.com', undefined, null, 'magnet'],
      ['an address already confirmed', 'fast-confirmed@example.com', Date.UTC(2026, 0, 1), 'too-fast', 'magnet'],
    ] as const)('%s: keeps the lead, flags the touch %s, and queues %s', async (_, email, confirmedAt, screening, template) => {
      const now = Date.UTC(2026, 10, 22, 11);
      if (confirmedAt !== undefined) {
        await useStore()
          .db.insertInto('leads')
          .values({ email, name: null, status: 'new', confirmed_at: confirmedAt, created_at: confirmedAt, updated_at: confirmedAt })
          .execute();
      }
      const result = await captureLead(useStore(), input({ email, consent: true, magnet: 'lead-scoring-worksheet' }), {
        form: magnetForm,
        userAgent: undefined,
        now,
        ...(screening ? { screening } : {}),
      });
      expect(await touchesOf(result.leadId)).toEqual([{ screening, emailed: 1 }]);
      const [row] = await outboxFor(result.leadId);
      expect(row).toMatchObject({ kind: 'email', template });
      expect(JSON.parse(row!.payload)).toMatchObject({ to: email, leadId: result.leadId, magnet: 'lead-scoring-worksheet' });
    });

    it('counts: every held touch is one row with the flag', async () => {
      const count = async () =>
        Number(
          (
            await useStore()
              .db.selectFrom('touches')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('screening', '=', 'too-fast')
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      for (const email of ['count-1@example.com', 'count-2@example.com']) {
        await captureLead(useStore(), input({ email, consent: true }), {
          form: newsletterForm,
          userAgent: undefined,
          now: Date.now(),
          screening: 'too-fast',
        });
      }
      expect(await count()).toBe(before + 2);
    });
  });
});
