/** The nurture part of `npm run bench`: emails a second one worker hands to the Resend fake's batch endpoint when many steps are due at once. */
import { join } from 'node:path';
import { parseDatabaseUrl } from '../../src/db/database-url.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { ResendMailer } from '../../src/email/resend-mailer.ts';
import { captureLead } from '../../src/leads/capture-lead.ts';
import { newsletterForm } from '../../src/leads/signup-forms.ts';
import { parseSignup } from '../../src/leads/signup-input.ts';
import { loadSequences } from '../../src/nurture/sequences.ts';
import { OutboxSender } from '../../src/outbox/outbox-sender.ts';
import type { ResendFake } from '../support/resend-fake.ts';
import { TEST_SECRET } from '../support/signup-client.ts';

export const SEQUENCE_LEADS = 500;

export interface SequenceResult {
  rate: number;
  perSecond: number;
  requests: number;
  largest: number;
}

export async function measureSequences(directory: string, fake: ResendFake, requestsPerSecond: number): Promise<SequenceResult> {
  const store = openDatabase(parseDatabaseUrl(`file:${join(directory, `sequences-${requestsPerSecond}.db`)}`));
  await migrateToLatest(store);
  const sequences = await loadSequences();
  const start = Date.UTC(2026, 10, 23, 9);
  for (let index = 0; index < SEQUENCE_LEADS; index++) {
    const parsed = parseSignup({ email: `nurture-${requestsPerSecond}-${index}@example.com`, consent: true });
    if (!parsed.ok) throw new Error('invalid bench signup');
    await captureLead(store, parsed.input, { form: newsletterForm, userAgent: undefined, now: start, sequences });
  }
  fake.reset();
  process.env.RESEND_BASE_URL = fake.url;
  const sender = new OutboxSender({
    store,
    mailer: new ResendMailer('re_bench', requestsPerSecond),
    from: 'Lodestone <bench@example.com>',
    siteUrl: new URL('https://lodestone.example'),
    secret: TEST_SECRET,
    magnets: new Map(),
    sequences,
    clock: () => start + 45 * 86_400_000,
    log: () => undefined,
  });
  const started = performance.now();
  while ((await sender.runOnce()) > 0);
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return { rate: requestsPerSecond, perSecond: fake.deliveries.length / seconds, requests: fake.requests, largest: Math.max(...fake.batchSizes) };
}
