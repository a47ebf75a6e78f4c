import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetaSettings } from '../../src/lead-ads/lead-ads-env.ts';
import { LeadAdWorker } from '../../src/lead-ads/lead-ad-worker.ts';
import { loadLeadFormMappings, type LeadFormMapping } from '../../src/lead-ads/lead-form-mapping.ts';
import { storeNotifications } from '../../src/lead-ads/store-notifications.ts';
import { newsletterForm, type SignupForm } from '../../src/leads/signup-forms.ts';
import { engines, useMigratedStore } from '../support/databases.ts';
import { PlatformFake } from './platform-fake.ts';

const FORM = '918273645500112';
const magnetForm: SignupForm = { ...newsletterForm, kind: 'magnet', magnet: 'lead-scoring-worksheet', firstEmail: 'magnet', sequence: undefined };

function graphLead(id: string, email: string): unknown {
  return { id, form_id: FORM, campaign_id: '4001', field_data: [{ name: 'email', values: [email] }], custom_disclaimer_responses: [] };
}

describe.each(engines)('the lead-ad worker on %s', (engine) => {
  const store = useMigratedStore(engine);
  const fake = new PlatformFake();
  let meta: MetaSettings;
  let mappings: Map<string, LeadFormMapping>;
  beforeAll(async () => {
    await fake.start();
    meta = {
      verifyToken: undefined,
      appSecret: 'x',
      accessToken: 'meta-token',
      graphBaseUrl: new URL(fake.url),
      graphVersion: 'v24.0',
      pixelId: undefined,
    };
    mappings = await loadLeadFormMappings();
  });
  afterAll(() => fake.stop());

  const worker = (log: string[] = [], options: { leaseMs?: number; clock?: () => number } = {}) =>
    new LeadAdWorker({
      store: store(),
      meta,
      mappings,
      forms: new Map([['magnet:lead-scoring-worksheet', magnetForm]]),
      sequences: new Map(),
      log: (line) => log.push(line),
      ...options,
    });
  const counts = async (email: string) => {
    const lead = await store().db.selectFrom('leads').select('id').where('email', '=', email).executeTakeFirst();
    if (!lead) return { leads: 0, touches: 0, emails: 0 };
    const touches = await store().db.selectFrom('touches').select('id').where('lead_id', '=', lead.id).execute();
    const emails = await store().db.selectFrom('outbox').select('id').where('lead_id', '=', lead.id).where('kind', '=', 'email').execute();
    return { leads: 1, touches: touches.length, emails: emails.length };
  };

  it('captures each stored lead once when two workers run at the same moment', async () => {
    const ids = ['8100000000000001', '8100000000000002', '8100000000000003'];
    for (const id of ids) fake.leads.set(id, graphLead(id, `w${id}@acme-test.com`));
    const now = Date.now();
    await storeNotifications(
      store(),
      'meta',
      ids.map((leadId) => ({ leadId, payload: JSON.stringify({ form_id: FORM }) })),
      now,
    );
    await Promise.all([worker().runOnce(now), worker().runOnce(now)]);
    for (const id of ids) expect(await counts(`w${id}@acme-test.com`)).toEqual({ leads: 1, touches: 1, emails: 1 });
  });

  it('writes nothing for a worker whose claim lapsed while it waited on the Graph API: the one that took over captures the lead, once', async () => {
    const id = '8200000000000001';
    fake.leads.set(id, graphLead(id, 'lapsed@acme-test.com'));
    const now = Date.now();
    await storeNotifications(store(), 'meta', [{ leadId: id, payload: JSON.stringify({ form_id: FORM }) }], now);
    fake.slow(1_000, 'graph');
    const slowLog: string[] = [];
    const slow = worker(slowLog, { leaseMs: 100, clock: () => now }).runOnce(now);
    // The slow worker's claim is on disk before the takeover looks: wait for it.
    for (;;) {
      const row = await store().db.selectFrom('ad_leads').select('status').where('platform_lead_id', '=', id).executeTakeFirstOrThrow();
      if (row.status === 'working') break;
      await new Promise((done) => setTimeout(done, 10));
    }
    expect(await worker([], { clock: () => now + 500 }).runOnce(now + 500)).toBe(1);
    await slow;
    expect(await counts('lapsed@acme-test.com')).toEqual({ leads: 1, touches: 1, emails: 1 });
    expect(slowLog.join('\n')).toContain('another worker took it over');
    const row = await store().db.selectFrom('ad_leads').selectAll().where('platform_lead_id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'captured', attempts: 2 });
  });
});
