import { describe, expect, it } from 'vitest';
import { captureLead, planSignupRows, type CaptureContext } from '../../src/leads/capture-lead.ts';
import { newsletterForm } from '../../src/leads/signup-forms.ts';
import type { SignupInput } from '../../src/leads/signup-input.ts';
import { loadSequences } from '../../src/nurture/sequences.ts';
import { magnetForm, signupInput as input } from '../support/capture-fixtures.ts';
import { engines, useMigratedStore } from '../support/databases.ts';

describe.each(engines)('signups captured in the same moment on %s', (engine) => {
  const useStore = useMigratedStore(engine);
  const now = Date.UTC(2026, 11, 2, 9);

  const rowsOf = async (email: string) => {
    const store = useStore();
    const lead = await store.db.selectFrom('leads').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    const touches = await store.db
      .selectFrom('touches')
      .select(['form', 'utm_source', 'emailed'])
      .where('lead_id', '=', lead.id)
      .orderBy('id')
      .execute();
    const outbox = await store.db.selectFrom('outbox').select(['id', 'template', 'payload']).where('lead_id', '=', lead.id).orderBy('id').execute();
    return { lead, touches, outbox };
  };

  it('writes each one as it would be written alone: new addresses, a known one, one address twice, a lead without consent', async () => {
    const sequences = await loadSequences();
    const context = (extra: Partial<CaptureContext> = {}): CaptureContext => ({ form: newsletterForm, userAgent: 'batch', now, sequences, ...extra });
    await captureLead(useStore(), input({ email: 'known@example.com', name: 'Kim', consent: true }), context());

    const signups: [SignupInput, CaptureContext][] = [
      ...Array.from({ length: 20 }, (_, index): [SignupInput, CaptureContext] => [
        input({ email: `new-${index}@example.com`, consent: true, utm_source: `source-${index}` }),
        context(),
      ]),
      [input({ email: 'known@example.com', consent: true, utm_source: 'again' }), context({ form: magnetForm })],
      [input({ email: 'twice@example.com', name: 'Tess', consent: true }), context()],
      [input({ email: 'twice@example.com', consent: true }), context({ form: magnetForm })],
      [input({ email: 'no-consent@example.com' }), context()],
    ];
    const results = await Promise.all(signups.map(([signup, signupContext]) => captureLead(useStore(), signup, signupContext)));

    for (let index = 0; index < 20; index++) {
      const { lead, touches, outbox } = await rowsOf(`new-${index}@example.com`);
      expect(results[index]).toEqual({ leadId: lead.id, isNewLead: true, outboxId: outbox[0]!.id, awaitingConfirmation: false });
      expect(touches).toEqual([{ form: 'newsletter', utm_source: `source-${index}`, emailed: 1 }]);
      // The welcome email, then the sequence's first step, each naming this lead.
      expect(outbox).toHaveLength(2);
      expect(outbox[0]!.template).toBe('welcome');
      expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ to: `new-${index}@example.com`, leadId: lead.id });
      expect(JSON.parse(outbox[1]!.payload)).toMatchObject({ to: `new-${index}@example.com`, leadId: lead.id, sequence: expect.any(String) });
    }

    const known = await rowsOf('known@example.com');
    expect(results[20]).toMatchObject({ leadId: known.lead.id, isNewLead: false, outboxId: known.outbox.at(-1)!.id });
    expect(known.outbox.at(-1)!.template).toBe('magnet');
    expect(JSON.parse(known.outbox.at(-1)!.payload)).toMatchObject({ name: 'Kim' });

    const twice = await rowsOf('twice@example.com');
    expect(results[21]).toMatchObject({ leadId: twice.lead.id, isNewLead: true });
    expect(results[22]).toMatchObject({ leadId: twice.lead.id, isNewLead: false });
    expect(twice.touches.map((touch) => touch.form)).toEqual(['newsletter', 'magnet']);
    expect(twice.outbox.map((row) => row.template)).toEqual(['welcome', expect.stringContaining(':'), 'magnet']);

    const withoutConsent = await rowsOf('no-consent@example.com');
    expect(withoutConsent.outbox.map((row) => row.template)).toEqual(['welcome']);
  });

  it('stores every column of the touch and the outbox rows exactly as planned, for each signup of the moment', async () => {
    const sequences = await loadSequences();
    const full = (n: number) =>
      input({
        email: `full-${n}@example.com`,
        name: `Ünal ${n} "quoted"`,
        consent: 'yes',
        page: '/articles/lead-scoring-with-bant/',
        magnet: 'lead-scoring-worksheet',
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: `spring-${n}`,
        utm_term: 'bant',
        utm_content: 'hero',
        gclid: `g-${n}`,
        fbclid: `f-${n}`,
        ttclid: `t-${n}`,
        landing_page: `/lp/?utm_source=newsletter&n=${n}`,
        referrer: 'https://search.example/?q=bant',
        first_touch: JSON.stringify({ at: now - 86_400_000, landing_page: '/first/', referrer: 'https://first.example/' }),
      });
    const context: CaptureContext = {
      form: { ...magnetForm, sequence: 'lead-scoring-worksheet' },
      userAgent: 'Agent/1.0 (ü)',
      now,
      sequences,
      fields: { role: 'Head of growth', size: '11–50' },
      newKey: undefined,
    };
    const signups = [full(1), full(2), full(3)];
    const results = await Promise.all(signups.map((signup) => captureLead(useStore(), signup, context)));

    for (const [index, signup] of signups.entries()) {
      const leadId = results[index]!.leadId;
      const planned = planSignupRows(signup, context, { id: leadId, inserted: true, knownName: null, confirmed: false, emailedToday: 0 });
      const { id: _touchId, ...touch } = await useStore()
        .db.selectFrom('touches')
        .selectAll()
        .where('lead_id', '=', leadId)
        .executeTakeFirstOrThrow();
      expect(touch).toEqual(planned.touch);
      const outbox = await useStore()
        .db.selectFrom('outbox')
        .select([
          'kind',
          'lead_id',
          'template',
          'payload',
          'status',
          'attempts',
          'next_attempt_at',
          'created_at',
          'locked_until',
          'last_error',
          'provider_id',
          'sent_at',
          'attempt_id',
        ])
        .where('lead_id', '=', leadId)
        .orderBy('id')
        .execute();
      const unsettled = { locked_until: null, last_error: null, provider_id: null, sent_at: null, attempt_id: null };
      expect(outbox).toEqual(planned.outbox.map(({ idempotency_key: _key, ...row }) => ({ ...unsettled, ...row })));
      const lead = await useStore()
        .db.selectFrom('leads')
        .select(['name', 'created_at', 'updated_at'])
        .where('id', '=', leadId)
        .executeTakeFirstOrThrow();
      expect(lead).toEqual({ name: signup.name, created_at: now, updated_at: now });
    }
  });

  it('fails only the signup whose first-email key is taken; the others of its moment are stored', async () => {
    const taken = 'batch-key-taken';
    await captureLead(useStore(), input({ email: 'holder@example.com' }), { form: newsletterForm, userAgent: undefined, now, newKey: () => taken });

    const results = await Promise.allSettled([
      captureLead(useStore(), input({ email: 'first@example.com' }), { form: newsletterForm, userAgent: undefined, now }),
      captureLead(useStore(), input({ email: 'collides@example.com' }), { form: newsletterForm, userAgent: undefined, now, newKey: () => taken }),
      captureLead(useStore(), input({ email: 'last@example.com' }), { form: newsletterForm, userAgent: undefined, now }),
    ]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const stored = await useStore()
      .db.selectFrom('leads')
      .select('email')
      .where('email', 'in', ['first@example.com', 'collides@example.com', 'last@example.com'])
      .execute();
    expect(stored.map((row) => row.email).sort()).toEqual(['first@example.com', 'last@example.com']);
    expect((await rowsOf('first@example.com')).outbox).toHaveLength(1);
  });
});
