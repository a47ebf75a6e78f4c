import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueHandoff } from '../../src/handoff/enqueue-handoff.ts';
import { loadHandoff, type HandoffEvent } from '../../src/handoff/load-handoff.ts';
import { captureLead } from '../../src/leads/capture-lead.ts';
import { newsletterForm } from '../../src/leads/signup-forms.ts';
import { parseSignup } from '../../src/leads/signup-input.ts';
import type { BackgroundWork } from '../../src/server/background-work.ts';
import { startRuntime, type Runtime } from '../../src/server/runtime.ts';
import { createTestDatabase, engines, waitFor, type TestDatabase } from '../support/databases.ts';
import { TEST_SECRET } from '../support/signup-client.ts';
import { CRM_SECRET, WebhookReceiver } from '../support/webhook-receiver.ts';

/** The runtime `npm start` builds, on `database`, handing leads to `receiver` and to sales@example.com. */
function startHandoffRuntime(database: TestDatabase, receiver: WebhookReceiver, log: (line: string) => void): Promise<Runtime<BackgroundWork>> {
  return startRuntime(
    {
      DATABASE_URL: database.url,
      SITE_URL: 'https://lodestone.example',
      LODESTONE_SECRET: TEST_SECRET,
      ADMIN_PASSWORD: 'an-admin-password-for-tests',
      CRM_WEBHOOK_URL: receiver.url,
      CRM_WEBHOOK_SECRET: CRM_SECRET,
      SALES_NOTIFY_EMAIL: 'sales@example.com',
    },
    log,
  );
}

/**
 * The hand-off as the qualifier makes it, through the runtime `npm start` builds: a lead
 * captured, its hand-off loaded and enqueued in one transaction, the senders woken after the commit.
 */
describe.each(engines)('a hand-off through the runtime on %s', (engine) => {
  const receiver = new WebhookReceiver();
  const log: string[] = [];
  let database: TestDatabase;
  let runtime: Runtime<BackgroundWork>;

  beforeAll(async () => {
    await receiver.start();
    database = await createTestDatabase(engine);
    runtime = await startHandoffRuntime(database, receiver, (line) => log.push(line));
  });

  afterAll(async () => {
    await runtime?.close();
    await database?.drop();
    await receiver.stop();
  });

  async function capture(email: string): Promise<number> {
    const parsed = parseSignup({
      email,
      name: 'Sam <b>Hot</b>',
      consent: true,
      utm_source: 'google',
      utm_medium: 'cpc',
      page: '/lp/scoring-review/a/',
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const form = { ...newsletterForm, sequence: undefined };
    return (await captureLead(runtime.store, parsed.input, { form, fields: { budget: 'Over 10,000' }, userAgent: undefined, now: Date.now() }))
      .leadId;
  }

  const event = (leadId: number, eventId: string): HandoffEvent => ({
    eventId,
    leadId,
    reason: 'sales-ready',
    occurredAt: Date.now(),
    qualification: 'sales-ready',
    score: 64,
    explanation: ['+40 budget: Over 10,000', '+24 viewed /pricing/ three times'],
  });

  async function handOff(leadId: number, eventId: string) {
    const queued = await runtime.store.write(async (trx) => enqueueHandoff(trx, await loadHandoff(trx, event(leadId, eventId)), runtime.env));
    runtime.sender.wake();
    return queued;
  }

  const alerts = (eventId: string) =>
    runtime.store.db
      .selectFrom('mailbox')
      .innerJoin('outbox', 'outbox.id', 'mailbox.outbox_id')
      .select(['mailbox.to_address', 'mailbox.subject', 'mailbox.text'])
      .where('outbox.idempotency_key', '=', `sales-alert:${eventId}`)
      .execute();

  it('pushes a hot lead to the CRM and alerts sales within 5 seconds, once each, even when enqueued again', async () => {
    const leadId = await capture('hot@example.com');
    const started = Date.now();
    await handOff(leadId, `hot-${engine}`);
    await waitFor(async () => receiver.received.length === 1 && (await alerts(`hot-${engine}`)).length === 1, 5_000, 'the webhook and the alert');
    expect(Date.now() - started).toBeLessThan(5_000);

    expect(receiver.received[0]).toMatchObject({ id: `msg_hot-${engine}`, refused: undefined });
    expect(receiver.verified[0]).toMatchObject({
      data: {
        lead: { id: leadId, email: 'hot@example.com', name: 'Sam <b>Hot</b>', admin_url: `https://lodestone.example/admin/leads/${leadId}` },
        answers: { budget: 'Over 10,000' },
        attribution: { last_touch: { utm_source: 'google', utm_medium: 'cpc', page: '/lp/scoring-review/a/' } },
        score: { total: 64, explanation: ['+40 budget: Over 10,000', '+24 viewed /pricing/ three times'] },
      },
    });
    const [alert] = await alerts(`hot-${engine}`);
    expect(alert).toMatchObject({ to_address: 'sales@example.com', subject: 'Sales-ready lead: Sam <b>Hot</b>, score 64' });
    expect(alert!.text).toContain(`https://lodestone.example/admin/leads/${leadId}`);

    expect(await handOff(leadId, `hot-${engine}`)).toEqual({ webhookRowId: undefined, alertRowId: undefined });
    expect(await runtime.sender.runOnce(Date.now() + 86_400_000)).toEqual({ scored: 0, rows: 0 });
    expect(receiver.received).toHaveLength(1);
    expect(await alerts(`hot-${engine}`)).toHaveLength(1);
  });

  it('alerts sales about a lead that unsubscribed and bounced: the alert goes to the team, not to the lead', async () => {
    const leadId = await capture('gone@example.com');
    await runtime.store.db
      .updateTable('leads')
      .set({ unsubscribed_at: Date.now(), suppressed_at: Date.now(), suppressed_reason: 'bounced' })
      .where('id', '=', leadId)
      .execute();
    await handOff(leadId, `gone-${engine}`);
    await waitFor(async () => (await alerts(`gone-${engine}`)).length === 1, 5_000, 'the alert');
  });
});

/** The whole way, with the shipped scoring rules: a signup's commit, the qualifier, the hand-off, the CRM. */
describe.each(engines)('a signup scored and handed off by the runtime on %s', (engine) => {
  const receiver = new WebhookReceiver();
  let database: TestDatabase;
  let runtime: Runtime<BackgroundWork>;

  beforeAll(async () => {
    await receiver.start();
    database = await createTestDatabase(engine);
    runtime = await startHandoffRuntime(database, receiver, () => {});
  });

  afterAll(async () => {
    await runtime?.close();
    await database?.drop();
    await receiver.stop();
  });

  /** Captures a signup as /api/leads does, waking the background work after the commit. */
  async function signUp(email: string, fields: Record<string, string>, landing?: string): Promise<number> {
    const parsed = parseSignup({ email, consent: true, landing });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const form = landing ? runtime.forms.get(`landing:${landing}`)! : { ...newsletterForm, sequence: undefined };
    const { leadId } = await captureLead(runtime.store, parsed.input, { form, fields, userAgent: undefined, now: Date.now() });
    runtime.sender.wake();
    return leadId;
  }

  /** The verified deliveries' bodies, as handoffBody() writes them. */
  const bodies = () => receiver.verified as { data: { reason: string; lead: { id: number } } }[];
  const lead = (id: number) =>
    runtime.store.db.selectFrom('leads').select(['status', 'score', 'rescore_at']).where('id', '=', id).executeTakeFirstOrThrow();

  it('pushes a lead the rules score as sales-ready to the CRM within 5 seconds of its signup, with the explanation; a cold one never', async () => {
    const started = Date.now();
    const hot = await signUp('founder@northwind.example', {
      role: 'Founder or owner',
      company_size: '11-50 people',
      budget: 'Over $10,000',
      timeline: 'This month',
    });
    const cold = await signUp('learner@gmail.com', { role: 'Student or looking for work' });
    await waitFor(async () => bodies().some((body) => body.data.lead.id === hot), 5_000, 'the hot lead at the CRM');
    expect(Date.now() - started).toBeLessThan(5_000);

    const [delivery] = bodies().filter((body) => body.data.lead.id === hot);
    expect(delivery!.data).toMatchObject({
      reason: 'sales-ready',
      lead: { email: 'founder@northwind.example', qualification: 'sales-ready' },
      score: {
        total: 65,
        explanation: ['+15 role: Founder or owner', '+15 company size: 11-50 people', '+20 budget: Over $10,000', '+15 timeline: This month'],
      },
    });
    expect(await lead(hot)).toMatchObject({ status: 'sales-ready', score: 65 });

    // The cold lead was scored in the same moment: once its row says so, nothing was handed off for it.
    await waitFor(async () => (await lead(cold)).rescore_at === null, 5_000, 'the cold lead scored');
    expect(await lead(cold)).toMatchObject({ status: 'new', score: -30 });
    await runtime.sender.runOnce();
    expect(bodies().filter((body) => body.data.lead.id === cold)).toEqual([]);
    const coldAlerts = await runtime.store.db
      .selectFrom('outbox')
      .select('id')
      .where('lead_id', '=', cold)
      .where('template', '=', 'sales-alert')
      .execute();
    expect(coldAlerts).toEqual([]);
  });

  it('hands a consultation request to sales at once whatever its score, once', async () => {
    const requested = await signUp('asks@example.com', { name: 'Ana', company: 'Acme', team_size: '1-2' }, 'scoring-review');
    await waitFor(async () => bodies().some((body) => body.data.lead.id === requested), 5_000, 'the consultation at the CRM');
    expect(
      bodies()
        .filter((body) => body.data.lead.id === requested)
        .map((body) => body.data.reason),
    ).toEqual(['consultation']);
    // Scored again later with nothing new: no second hand-off.
    await runtime.store.db.updateTable('leads').set({ rescore_at: Date.now() }).where('id', '=', requested).execute();
    await runtime.sender.runOnce();
    expect(receiver.received.filter((delivery) => delivery.id.startsWith(`msg_consultation-${requested}-`))).toHaveLength(1);
  });
});
