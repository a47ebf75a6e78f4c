import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { LeadStore } from '../../src/db/database.ts';
import { ResendMailer } from '../../src/email/resend-mailer.ts';
import { OutboxSender, type OutboxSenderOptions } from '../../src/outbox/outbox-sender.ts';
import { ResendFake } from './resend-fake.ts';

/**
 * A Resend fake for the surrounding `describe` (started before its tests, emptied before each,
 * stopped after them; the SDK pointed at it), and an outbox sender through it on `store` whose
 * clock the test sets.
 */
export function useResendSender(clock: () => number, options: Partial<OutboxSenderOptions> = {}) {
  const fake = new ResendFake();
  beforeAll(async () => {
    await fake.start();
    process.env.RESEND_BASE_URL = fake.url;
  });
  beforeEach(() => fake.reset());
  afterAll(async () => {
    await fake.stop();
  });
  const sender = (store: LeadStore) =>
    new OutboxSender({
      store,
      mailer: new ResendMailer('re_test_key', 1000),
      from: 'Lodestone <hello@example.com>',
      siteUrl: new URL('https://lodestone.example'),
      secret: 'resend-sender-test-secret-resend-sender-test',
      magnets: new Map(),
      sequences: new Map(),
      clock,
      log: () => {},
      ...options,
    });
  return { fake, sender };
}
