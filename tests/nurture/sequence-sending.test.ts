import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ResendMailer } from '../../src/email/resend-mailer.ts';
import { captureLead } from '../../src/leads/capture-lead.ts';
import { LeadStatus } from '../../src/leads/lead-status.ts';
import { newsletterForm, type SignupForm } from '../../src/leads/signup-forms.ts';
import { parseSignup } from '../../src/leads/signup-input.ts';
import { openMagnetLibrary, type MagnetLibrary } from '../../src/magnets/library.ts';
import { loadSequences, type SequenceCatalog } from '../../src/nurture/sequences.ts';
import { unsubscribe } from '../../src/nurture/subscription.ts';
import { OutboxSender } from '../../src/outbox/outbox-sender.ts';
import { engines, useMigratedStore } from '../support/databases.ts';
import { ResendFake } from '../support/resend-fake.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SITE = new URL('https://lodestone.example');

describe.each(engines)('nurture sequences with Resend on %s', (engine) => {
  const fake = new ResendFake();
  const useStore = useMigratedStore(engine);
  let sequences: SequenceCatalog;
  let magnets: MagnetLibrary;
  let clock = 0;
  const start = Date.UTC(2026, 10, 23, 9);

  beforeAll(async () => {
    await fake.start();
    process.env.RESEND_BASE_URL = fake.url;
    sequences = await loadSequences('no-build-here.json');
    magnets = await openMagnetLibrary({ siteUrl: SITE });
  });

  afterAll(async () => {
    delete process.env.RESEND_BASE_URL;
    await fake.stop();
  });

  beforeEach(() => {
    fake.reset();
    clock = start;
  });

  const sender = (requestsPerSecond = 1000) =>
    new OutboxSender({
      store: useStore(),
      mailer: new ResendMailer('re_test_key', requestsPerSecond),
      from: 'Lodestone <hello@example.com>',
      siteUrl: SITE,
      secret: 'sequence-test-secret-sequence-test-secret',
      magnets: magnets.info,
      sequences,
      clock: () => clock,
      log: () => undefined,
    });

  async function signUp(email: string, form: SignupForm = newsletterForm, extra: Record<string, unknown> = {}) {
    const parsed = parseSignup({ email, consent: true, ...extra });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return captureLead(useStore(), parsed.input, { form, userAgent: undefined, now: clock, sequences });
  }

  /** Moves the clock forward in `stepMs` ticks until `until`, sending whatever is due at each tick. */
  async function runUntil(until: number, worker = sender(), stepMs = 6 * HOUR, each?: (now: number) => Promise<void>) {
    for (; clock <= until; clock += stepMs) {
      await each?.(clock);
      while ((await worker.runOnce(clock)) > 0);
    }
  }

  const rowsOf = (leadId: number) =>
    useStore().db.selectFrom('outbox').selectAll().where('lead_id', '=', leadId).orderBy('next_attempt_at').orderBy('id').execute();
  const subjectsOf = (sequence: string) => sequences.get(sequence)!.steps.map((step) => step.subject);
  const worksheet = () => magnets.forms.get('magnet:lead-scoring-worksheet')!;

  it('sends every step of a sequence once, in order, when due, over 45 days', async () => {
    const { leadId } = await signUp('nurtured@example.com', newsletterForm, { name: 'Nia Okoro' });
    await runUntil(start + 45 * DAY);

    const mail = fake.to('nurtured@example.com');
    expect(mail.map((delivery) => delivery.subject)).toEqual(['Welcome to Lodestone: three guides to start with', ...subjectsOf('welcome')]);
    const rows = await rowsOf(leadId);
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
    for (const row of rows) {
      expect(row.sent_at!).toBeGreaterThanOrEqual(row.next_attempt_at);
      expect(row.sent_at! - row.next_attempt_at).toBeLessThan(6 * HOUR);
    }
    // The first step is 2 days after the signup; each later one counts from the step before.
    expect(rows[1]!.next_attempt_at - start).toBe(2 * DAY);
    expect(mail[1]!.text).toMatch(/^Hi Nia,/);
  });

  it('puts one-click unsubscribe on every marketing email', async () => {
    await signUp('headers@example.com');
    await runUntil(start + 10 * DAY);
    const mail = fake.to('headers@example.com');
    expect(mail.length).toBe(4);
    for (const delivery of mail) {
      expect(delivery.headers['List-Unsubscribe']).toMatch(/^<https:\/\/lodestone\.example\/unsubscribe\/u\.\d+\.all\.\d+\.[\w-]{22}>$/);
      expect(delivery.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      expect(delivery.text).toContain('Unsubscribe with one click: https://lodestone.example/unsubscribe/');
    }
  });

  it('enters a magnet lead into the magnet’s sequence, skipping what its conditions rule out', async () => {
    const downloaded = await signUp('downloaded@example.com', worksheet());
    const never = await signUp('never@example.com', worksheet());
    const hot = await signUp('hot@example.com', worksheet());
    await useStore().write(async (trx) => {
      await trx
        .insertInto('downloads')
        .values(
          [downloaded.leadId, hot.leadId].map((lead_id) => ({ lead_id, magnet: 'lead-scoring-worksheet', user_agent: null, created_at: clock })),
        )
        .execute();
      await trx.updateTable('leads').set({ status: LeadStatus.SalesReady }).where('id', '=', hot.leadId).execute();
    });
    await runUntil(start + 45 * DAY);

    const steps = subjectsOf('lead-scoring-worksheet');
    const subjects = (email: string) => fake.to(email).map((delivery) => delivery.subject);
    expect(subjects('downloaded@example.com')).toEqual(['Your copy of the lead scoring worksheet', ...steps]);
    // The first step is only for readers who opened the worksheet.
    expect(subjects('never@example.com')).toEqual(['Your copy of the lead scoring worksheet', ...steps.slice(1)]);
    const skipped = (await rowsOf(never.leadId)).find((row) => row.status === 'skipped');
    expect(skipped?.last_error).toBe('skipped: the lead has not downloaded the magnet');
    // A sales-ready lead gets only the steps that do not step aside for sales.
    expect(subjects('hot@example.com')).toEqual(['Your copy of the lead scoring worksheet', steps[0]]);
  });

  it('stops every sequence once the lead unsubscribes', async () => {
    const { leadId } = await signUp('leaving@example.com');
    await signUp('leaving@example.com', worksheet());
    await runUntil(start + 2 * DAY + HOUR);
    const before = fake.to('leaving@example.com').length;
    expect(before).toBeGreaterThanOrEqual(3);

    const unsubscribedAt = clock;
    await unsubscribe(useStore(), leadId, unsubscribedAt);
    await runUntil(start + 45 * DAY);
    expect(fake.to('leaving@example.com')).toHaveLength(before);
    const left = (await rowsOf(leadId)).filter((row) => row.next_attempt_at > unsubscribedAt);
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((row) => row.status === 'skipped' && row.last_error === 'unsubscribed')).toBe(true);
  });

  it('rides out Resend being down for a while: later, never lost, never twice', async () => {
    const leads = await Promise.all(Array.from({ length: 20 }, (_, index) => signUp(`outage-${index}@example.com`)));
    fake.failNext(12, { status: 503 });
    await runUntil(start + 45 * DAY, sender(), HOUR);

    expect(fake.deliveries).toHaveLength(20 * 4);
    const pairs = new Set(fake.deliveries.map((delivery) => `${delivery.to[0]} ${delivery.subject}`));
    expect(pairs.size).toBe(20 * 4);
    const rows = (await Promise.all(leads.map(({ leadId }) => rowsOf(leadId)))).flat();
    expect(rows.every((row) => row.status === 'sent')).toBe(true);
    expect(rows.some((row) => row.attempts > 1)).toBe(true);
  });

  it('sends 1,000 due emails in batches of at most 100, within the rate limit', async () => {
    await Promise.all(Array.from({ length: 1000 }, (_, index) => signUp(`batch-${index}@example.com`)));
    const worker = sender(2);
    const started = Date.now();
    while ((await worker.runOnce(clock)) > 0);
    const elapsed = Date.now() - started;

    expect(fake.deliveries).toHaveLength(1000);
    expect(new Set(fake.deliveries.map((delivery) => `${delivery.to[0]} ${delivery.subject}`)).size).toBe(1000);
    expect(fake.batchSizes.every((size) => size <= 100)).toBe(true);
    expect(fake.batchSizes.reduce((sum, size) => sum + size, 0)).toBe(1000);
    expect(fake.requests).toBe(10);
    // Two requests a second: ten calls take at least four and a half seconds.
    expect(elapsed).toBeGreaterThanOrEqual(4_400);
  });
});
