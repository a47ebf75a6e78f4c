import { describe, expect, it } from 'vitest';
import { captureLead } from '../../src/leads/capture-lead.ts';
import { newsletterForm } from '../../src/leads/signup-forms.ts';
import { claimDueRows } from '../../src/outbox/claim-rows.ts';
import { recordAttempts } from '../../src/outbox/send-attempts.ts';
import { eraseLead } from '../../src/privacy/erase-lead.ts';
import { magnetForm, signupInput } from '../support/capture-fixtures.ts';
import { engines, useMigratedStore } from '../support/databases.ts';
import { personalTraces } from '../support/personal-traces.ts';
import { useResendSender } from '../support/resend-sender.ts';

describe.each(engines)('erasing a lead on %s', (engine) => {
  const useStore = useMigratedStore(engine);
  let clock = 5_000_000;
  const resend = useResendSender(() => clock);
  const fake = resend.fake;
  const sender = () => resend.sender(useStore());
  const capture = async (email: string, extra: Record<string, unknown> = {}) =>
    captureLead(useStore(), signupInput({ email, consent: true, utm_source: 'news', ...extra }), {
      form: newsletterForm,
      userAgent: 'UA',
      now: clock,
    });

  /** A lead with a row in every table that can hold something of theirs. */
  async function fullLead(email: string): Promise<number> {
    const { leadId, outboxId } = await capture(email, { name: 'Ada' });
    await captureLead(useStore(), signupInput({ email, consent: true, magnet: 'lead-scoring-worksheet' }), {
      form: magnetForm,
      userAgent: 'UA',
      now: clock + 1,
    });
    const db = useStore().db;
    await db.insertInto('downloads').values({ lead_id: leadId, magnet: 'lead-scoring-worksheet', user_agent: 'UA', created_at: clock }).execute();
    await db
      .insertInto('email_events')
      .values({ lead_id: leadId, outbox_id: outboxId!, type: 'opened', provider_id: 'p-1', detail: null, created_at: clock })
      .execute();
    await db.insertInto('page_views').values({ lead_id: leadId, path: '/articles/a/', tags: '["x"]', created_at: clock }).execute();
    await db.insertInto('sequence_opt_outs').values({ lead_id: leadId, sequence: 'lead-scoring-worksheet', created_at: clock }).execute();
    await db
      .insertInto('qualification_changes')
      .values({ lead_id: leadId, from_status: 'new', to_status: 'sales-ready', score: 90, explanation: '["hot"]', created_at: clock })
      .execute();
    await db
      .insertInto('mailbox')
      .values({
        outbox_id: outboxId!,
        from_address: 'a@b.c',
        to_address: email,
        subject: 'Hi',
        html: '<p>Hi</p>',
        text: 'Hi',
        headers: '{}',
        created_at: clock,
      })
      .execute();
    // A CRM hand-off already delivered, and one still waiting.
    for (const [key, status] of [
      ['crm-sent', 'sent'],
      ['crm-pending', 'pending'],
    ] as const) {
      await db
        .insertInto('outbox')
        .values({
          kind: 'webhook',
          lead_id: leadId,
          template: 'crm-handoff',
          payload: JSON.stringify({ data: { email } }),
          idempotency_key: `${key}-${leadId}`,
          status,
          attempts: 0,
          next_attempt_at: clock,
          created_at: clock,
        })
        .execute();
    }
    return leadId;
  }

  it('removes every personal trace, keeps the anonymous counts and records the erasure without the address', async () => {
    const db = useStore().db;
    const email = 'erase-me@example.com';
    const leadId = await fullLead(email);
    const other = await capture('keep-me@example.com');
    await db.insertInto('page_view_counts').values({ path: '/articles/a/', day: 0, views: 7 }).execute();
    await db.insertInto('variant_assignments').values({ landing: 'demo', variant: 'a', created_at: clock }).execute();
    // One batch request carried both leads' emails, its answer lost.
    await sender().runOnce(clock);
    expect(await personalTraces(useStore(), email, leadId)).not.toEqual([]);

    const result = await eraseLead(useStore(), { email: ' Erase-Me@Example.com ' }, { reason: 'request by email', clock: () => clock });

    expect(result).toEqual({ status: 'erased', crmDeliveries: 1 });
    expect(await personalTraces(useStore(), email, leadId)).toEqual([]);
    expect(await db.selectFrom('page_view_counts').select('views').execute()).toEqual([{ views: 7 }]);
    expect(await db.selectFrom('variant_assignments').select('variant').execute()).toEqual([{ variant: 'a' }]);
    expect(await db.selectFrom('erasures').select(['erased_at', 'reason']).execute()).toEqual([{ erased_at: clock, reason: 'request by email' }]);
    expect(await db.selectFrom('leads').select('id').where('id', '=', other.leadId).execute()).toHaveLength(1);
    expect(await eraseLead(useStore(), { email }, { clock: () => clock })).toEqual({ status: 'not-found' });
  });

  it('takes a later signup from the same address as a new lead', async () => {
    const first = await capture('comes-back@example.com');
    await eraseLead(useStore(), { id: first.leadId }, { clock: () => clock });
    const again = await capture('comes-back@example.com');
    expect(again.leadId).toBeGreaterThan(first.leadId);
    const touches = await useStore().db.selectFrom('touches').select('id').where('lead_id', '=', again.leadId).execute();
    expect(touches).toHaveLength(1);
  });

  it('keeps the other emails of a stored batch and drops the erased lead’s from it', async () => {
    const db = useStore().db;
    const gone = await capture('batch-gone@example.com');
    const kept = await capture('batch-kept@example.com');
    fake.loseNextAnswers(1);
    clock += 60_000;
    await sender().runOnce(clock);
    const [attempt] = await db.selectFrom('send_attempts').selectAll().execute();
    expect(JSON.parse(attempt!.outbox_ids)).toEqual(expect.arrayContaining([gone.outboxId, kept.outboxId]));

    await eraseLead(useStore(), { id: gone.leadId }, { clock: () => clock });
    const after = await db.selectFrom('send_attempts').selectAll().where('id', '=', attempt!.id).executeTakeFirstOrThrow();
    expect(after.emails).not.toContain('batch-gone@example.com');
    expect(JSON.parse(after.outbox_ids)).not.toContain(gone.outboxId);
    expect(JSON.parse(after.outbox_ids)).toContain(kept.outboxId);
    // The repeat is answered as the replay of the first request: the kept lead's email is sent once.
    clock += 60_000;
    await sender().runOnce(clock);
    expect(await db.selectFrom('outbox').select('status').where('id', '=', kept.outboxId!).executeTakeFirstOrThrow()).toEqual({ status: 'sent' });
    expect(fake.to('batch-kept@example.com')).toHaveLength(1);
  });

  it('never requests an email whose row was erased after a sender claimed it', async () => {
    const { leadId, outboxId } = await capture('claimed@example.com');
    clock += 60_000;
    const claimed = (await claimDueRows(useStore(), { kind: 'email', now: clock, batchSize: 100, leaseMs: 30_000 })).filter(
      (row) => row.id === outboxId,
    );
    expect(claimed).toHaveLength(1);
    await eraseLead(useStore(), { id: leadId }, { clock: () => clock });
    const email = { from: 'a@b.c', to: 'claimed@example.com', subject: 'Hi', html: '', text: '', headers: {} };
    expect(await recordAttempts(useStore(), [{ rows: claimed, emails: [email] }], clock)).toEqual([]);
  });

  it('waits for an email being handed to the provider right now, and afterwards nothing more is sent to the address', async () => {
    const { leadId } = await capture('in-flight@example.com');
    clock += 60_000;
    const held = fake.holdNext({ deliver: true });
    const round = sender().runOnce(clock);
    await held.arrived;
    let erased = false;
    const erasing = eraseLead(useStore(), { id: leadId }, { clock: () => clock }).then((result) => {
      erased = true;
      return result;
    });
    await new Promise((done) => setTimeout(done, 400));
    expect(erased).toBe(false);
    held.release();
    await round;
    expect((await erasing).status).toBe('erased');
    const heldKey = fake.log.at(-1)!.idempotencyKey;
    const requests = fake.log.length;
    const delivered = fake.to('in-flight@example.com').length;
    for (let later = 1; later <= 3; later++) await sender().runOnce(clock + later * 3_600_000);
    // Other leads' rows may go out meanwhile; nothing to this address, and its request is never repeated.
    expect(fake.log.slice(requests).filter((entry) => entry.idempotencyKey === heldKey)).toEqual([]);
    expect(fake.to('in-flight@example.com')).toHaveLength(delivered);
    expect(await personalTraces(useStore(), 'in-flight@example.com', leadId)).toEqual([]);
  });
});
