import { describe, expect, it } from 'vitest';
import type { Transaction } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { captureLead, type CaptureContext } from '../../src/leads/capture-lead.ts';
import { LeadStatus } from '../../src/leads/lead-status.ts';
import { markDueForScoring } from '../../src/leads/rescore.ts';
import type { SignupForm } from '../../src/leads/signup-forms.ts';
import { parseScoringRules } from '../../src/scoring/load-rules.ts';
import type { HandoffEvent } from '../../src/handoff/load-handoff.ts';
import { nextScoring, Qualifier } from '../../src/scoring/qualifier.ts';
import type { LeadScore, ScoreLine } from '../../src/scoring/score-lead.ts';
import { resendingForm, signupInput } from '../support/capture-fixtures.ts';
import { engines, useMigratedStore } from '../support/databases.ts';

const DAY = 86_400_000;
const rules = parseScoringRules(`
thresholds: { marketing_qualified: 20, sales_ready: 40 }
half_life_days: 10
fit:
  - { field: budget, values: ['Over $10,000'], points: 30 }
  - { field: role, values: [Founder], points: 15 }
  - { field: role, values: [Student], points: -20 }
behaviour:
  - { event: magnet_download, points: 10, max_times: 3 }
  - { event: email_click, points: 10 }
`);

const answering: SignupForm = { ...resendingForm, kind: 'magnet' };
const review: SignupForm = { ...resendingForm, kind: 'landing', landing: 'scoring-review' };

describe('nextScoring', () => {
  const at = Date.UTC(2026, 11, 2, 9);
  const scored = (...lines: [ScoreLine['kind'], number][]): LeadScore => ({
    score: lines.reduce((sum, [, points]) => sum + points, 0),
    status: LeadStatus.New,
    lines: lines.map(([kind, points]) => ({ kind, points, text: `${points}` })),
  });
  it.each([
    ['fit and email points only: never, until something happens', scored(['fit', 20], ['email', -10]), at, at + 5, null],
    ['behaviour points: the next whole day after the last activity', scored(['behaviour', 10]), at, at + 5, at + DAY],
    ['three and a half days on: the fourth day', scored(['behaviour', 10], ['decay', -2]), at, at + 3.5 * DAY, at + 4 * DAY],
    ['faded to nothing: never', scored(['behaviour', 10], ['decay', -10]), at, at + 400 * DAY, null],
    ['capped and fading, still some left', scored(['behaviour', 40], ['cap', -10], ['decay', -20]), at, at + 30 * DAY, at + 31 * DAY],
    ['no activity on record: never', scored(['behaviour', 10]), 0, at, null],
  ])('%s', (_, result, lastActivityAt, now, expected) => {
    expect(nextScoring(result, lastActivityAt, now)).toBe(expected);
  });
});

describe.each(engines)('the qualifier on %s', (engine) => {
  const useStore = useMigratedStore(engine);
  const start = Date.UTC(2026, 11, 2, 9);

  /** A qualifier whose hand-offs are collected, and the transaction they came in checked to be open. */
  const qualifier = () => {
    const handoffs: HandoffEvent[] = [];
    const handOff = async (trx: Transaction<Database>, event: HandoffEvent) => {
      await trx.selectFrom('leads').select('id').where('id', '=', event.leadId).executeTakeFirstOrThrow();
      handoffs.push(event);
    };
    return { handoffs, qualifier: new Qualifier({ store: useStore(), rules, consultations: new Set(['scoring-review']), handOff, log: () => {} }) };
  };

  const signUp = (email: string, fields: Record<string, string>, now: number, form: SignupForm = answering) => {
    const context: CaptureContext = { form, userAgent: undefined, now, fields };
    return captureLead(useStore(), signupInput({ email, consent: true, landing: form.landing }), context);
  };

  const leadRow = (id: number) =>
    useStore().db.selectFrom('leads').select(['status', 'score', 'rescore_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const changes = (id: number) =>
    useStore()
      .db.selectFrom('qualification_changes')
      .select(['from_status', 'to_status', 'score', 'explanation', 'created_at'])
      .where('lead_id', '=', id)
      .orderBy('id')
      .execute();

  it('scores each new lead once, records a move with its explanation, and hands a sales-ready one to sales once', async () => {
    const { qualifier: q, handoffs } = qualifier();
    const hot = await signUp('hot@example.com', { budget: 'Over $10,000', role: 'Founder' }, start);
    const cold = await signUp('cold@example.com', { role: 'Student' }, start);
    const warm = await signUp('warm@example.com', { budget: 'Over $10,000' }, start);

    expect(await q.runOnce(start + 1)).toBe(3);
    expect(await leadRow(hot.leadId)).toEqual({ status: LeadStatus.SalesReady, score: 45, rescore_at: null });
    expect(await leadRow(cold.leadId)).toEqual({ status: LeadStatus.New, score: -20, rescore_at: null });
    expect(await leadRow(warm.leadId)).toEqual({ status: LeadStatus.MarketingQualified, score: 30, rescore_at: null });
    expect(await changes(hot.leadId)).toEqual([
      {
        from_status: 'new',
        to_status: 'sales-ready',
        score: 45,
        explanation: JSON.stringify(['+30 budget: Over $10,000', '+15 role: Founder']),
        created_at: start + 1,
      },
    ]);
    expect(await changes(cold.leadId)).toEqual([]);
    expect(handoffs.map((event) => [event.reason, event.leadId, event.score, event.qualification])).toEqual([
      ['sales-ready', hot.leadId, 45, 'sales-ready'],
    ]);

    // Nothing is due any more; scored again on purpose, the same facts move nothing and hand off nothing.
    expect(await q.runOnce(start + 2)).toBe(0);
    await useStore().write((trx) => markDueForScoring(trx, hot.leadId, start + 3));
    expect(await q.runOnce(start + 3)).toBe(1);
    expect(await changes(hot.leadId)).toHaveLength(1);
    expect(handoffs).toHaveLength(1);
  });

  it('rescores a lead when it signs up again, downloads or clicks, and hands it off when that tips it into sales-ready', async () => {
    const { qualifier: q, handoffs } = qualifier();
    const lead = await signUp('tipping@example.com', {}, start);
    await q.runOnce(start);
    expect(await leadRow(lead.leadId)).toMatchObject({ status: LeadStatus.New, score: 0 });

    await signUp('tipping@example.com', { budget: 'Over $10,000' }, start + 1000);
    expect(await q.runOnce(start + 1000)).toBe(1);
    expect(await leadRow(lead.leadId)).toMatchObject({ status: LeadStatus.MarketingQualified, score: 30 });

    await useStore().write(async (trx) => {
      await trx
        .insertInto('downloads')
        .values({ lead_id: lead.leadId, magnet: 'lead-scoring-worksheet', user_agent: null, created_at: start + 2000 })
        .execute();
      await markDueForScoring(trx, lead.leadId, start + 2000);
    });
    expect(await q.runOnce(start + 2000)).toBe(1);
    expect(await leadRow(lead.leadId)).toEqual({ status: LeadStatus.SalesReady, score: 40, rescore_at: start + 2000 + DAY });
    expect((await changes(lead.leadId)).map((change) => `${change.from_status}→${change.to_status}`)).toEqual([
      'new→marketing-qualified',
      'marketing-qualified→sales-ready',
    ]);
    expect(handoffs.map((event) => event.reason)).toEqual(['sales-ready']);
    expect(handoffs[0]!.explanation).toEqual(['+30 budget: Over $10,000', '+10 downloaded a magnet']);
  });

  it('lets behaviour points fade: due again each day after the last activity, and moved down when they have faded', async () => {
    const { qualifier: q } = qualifier();
    const lead = await signUp('fading@example.com', { budget: 'Over $10,000' }, start);
    await useStore().write(async (trx) => {
      await trx
        .insertInto('downloads')
        .values({ lead_id: lead.leadId, magnet: 'lead-scoring-worksheet', user_agent: null, created_at: start })
        .execute();
      await markDueForScoring(trx, lead.leadId, start);
    });
    await q.runOnce(start);
    expect(await leadRow(lead.leadId)).toEqual({ status: LeadStatus.SalesReady, score: 40, rescore_at: start + DAY });

    // Ten days on (the half-life), the 10 behaviour points count 5: 35, below sales-ready.
    await q.runOnce(start + 10 * DAY);
    const faded = await leadRow(lead.leadId);
    expect(faded).toEqual({ status: LeadStatus.MarketingQualified, score: 35, rescore_at: start + 11 * DAY });
    expect((await changes(lead.leadId)).at(-1)).toMatchObject({ from_status: 'sales-ready', to_status: 'marketing-qualified', score: 35 });
  });

  it('hands every consultation request to sales at once, whatever the score, once per request', async () => {
    const { qualifier: q, handoffs } = qualifier();
    const lead = await signUp('review@example.com', {}, start, review);
    await q.runOnce(start);
    expect(await leadRow(lead.leadId)).toMatchObject({ status: LeadStatus.SalesReady });
    expect(handoffs.map((event) => [event.reason, event.eventId, event.occurredAt])).toEqual([
      ['consultation', `consultation-${lead.leadId}-${start}`, start],
    ]);

    // Scored again with the same facts: the same event id, which the outbox keeps once.
    await useStore().write((trx) => markDueForScoring(trx, lead.leadId, start + 1));
    await q.runOnce(start + 1);
    expect(new Set(handoffs.map((event) => event.eventId)).size).toBe(1);

    // A second request a week later is news for sales: a new event.
    await signUp('review@example.com', {}, start + 7 * DAY, review);
    await q.runOnce(start + 7 * DAY);
    expect(handoffs.at(-1)).toMatchObject({ reason: 'consultation', eventId: `consultation-${lead.leadId}-${start + 7 * DAY}` });
  });
});
