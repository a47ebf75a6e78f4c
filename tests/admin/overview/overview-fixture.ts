import type { Insertable } from 'kysely';
import type { LeadStore } from '../../../src/db/database.ts';
import type { TouchTable } from '../../../src/db/schema.ts';
import { dayOfDate, type DayRange } from '../../../src/admin/overview/date-range.ts';

/**
 * A small, fully known database for the overview: the range is 2025-11-01 to 2025-11-03 (in the
 * past, so the shipped content/spend.csv has no line in it), with a lead and views on each side
 * of it. Every figure the overview shows is worked out by hand in the tests from these rows.
 */
export const FIXTURE_RANGE: DayRange = { fromDay: dayOfDate('2025-11-01')!, toDay: dayOfDate('2025-11-03')! };
export const HOSTILE = '<img src=x onerror=alert(1)>';

const at = (iso: string) => Date.parse(`${iso}Z`);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const WORKSHEET = { utm_campaign: 'lead-scoring-worksheet' };
const GOOGLE = { ...WORKSHEET, utm_source: 'google', utm_medium: 'cpc' };
const META = { ...WORKSHEET, utm_source: 'facebook', utm_medium: 'paid_social' };

interface LeadSpec {
  email: string;
  created: string;
  status: string;
  touches: Partial<Insertable<TouchTable>>[];
  /** Hours before signup the browser's first visit began; undefined for no first_touch. */
  firstVisitHoursBefore?: number;
  /** Status moves: [from, to, hours after signup]. */
  moves?: [string, string, number][];
  /** Webhook rows: [status, minutes after the lead's first move into sales-ready, or undefined for never sent]. */
  webhooks?: [string, number | undefined][];
}

export const LEADS: LeadSpec[] = [
  {
    email: 'a@example.com',
    created: '2025-11-01T10:00:00',
    status: 'sales-ready',
    firstVisitHoursBefore: 2,
    touches: [{ page: '/articles/alpha/', magnet: 'lead-scoring-worksheet', form: 'magnet', ...GOOGLE }],
    moves: [
      ['new', 'marketing-qualified', 1],
      ['marketing-qualified', 'sales-ready', 3],
    ],
    webhooks: [
      ['pending', undefined],
      ['sent', 5],
    ],
  },
  {
    email: 'b@example.com',
    created: '2025-11-01T12:00:00',
    status: 'marketing-qualified',
    firstVisitHoursBefore: 4,
    touches: [
      { page: '/articles/alpha/', magnet: 'lead-scoring-worksheet', form: 'magnet', ...GOOGLE },
      // The same form again an hour later: still one lead of that page.
      { page: '/articles/alpha/', magnet: 'lead-scoring-worksheet', form: 'magnet', ...GOOGLE, created_at: at('2025-11-01T13:00:00') },
    ],
    moves: [['new', 'marketing-qualified', 2]],
  },
  {
    email: 'c@example.com',
    created: '2025-11-02T09:00:00',
    status: 'new',
    touches: [{ page: '/lp/lead-scoring/meta-worksheet/', landing: 'lead-scoring', variant: 'meta-worksheet', form: 'landing', ...META }],
  },
  {
    email: 'd@example.com',
    created: '2025-11-02T15:00:00',
    status: 'marketing-qualified',
    firstVisitHoursBefore: 0.5,
    touches: [{ page: '/lp/lead-scoring/meta-examples/', landing: 'lead-scoring', variant: 'meta-examples', form: 'landing', ...META }],
    // Reached sales-ready, then faded back to marketing-qualified after the range.
    moves: [
      ['new', 'sales-ready', 1],
      ['sales-ready', 'marketing-qualified', 5 * 24],
    ],
    // A hand-off delivered before the move (a consultation request) is not the move's.
    webhooks: [
      ['sent', -30],
      ['sent', 15],
    ],
  },
  {
    email: 'e@example.com',
    created: '2025-11-03T08:00:00',
    status: 'new',
    firstVisitHoursBefore: 10,
    touches: [
      { page: '/magnets/message-match-checklist/', magnet: 'message-match-checklist', form: 'magnet', utm_source: HOSTILE },
      // A second signup the same evening, from an article: counts on that page, not for the source.
      { page: '/articles/alpha/', magnet: 'lead-scoring-worksheet', form: 'magnet', ...GOOGLE, created_at: at('2025-11-03T20:00:00') },
    ],
  },
  {
    // Before the range; only its move into sales-ready (00:30 on the first day) falls inside.
    email: 'f@example.com',
    created: '2025-10-31T23:30:00',
    status: 'sales-ready',
    firstVisitHoursBefore: 1,
    touches: [{ page: '/articles/alpha/', form: 'magnet', ...GOOGLE }],
    moves: [['new', 'sales-ready', 1]],
    webhooks: [['sent', 20]],
  },
  {
    // The midnight after the range: outside.
    email: 'g@example.com',
    created: '2025-11-04T00:00:00',
    status: 'new',
    firstVisitHoursBefore: 1,
    touches: [{ page: '/articles/alpha/', form: 'magnet', ...GOOGLE }],
  },
];

/** [path, day, views]: 60 views of alpha in the range (the 1,000 on 31 October are outside). */
const VIEWS: [string, string, number][] = [
  ['/articles/alpha/', '2025-10-31', 1000],
  ['/articles/alpha/', '2025-11-01', 40],
  ['/articles/alpha/', '2025-11-03', 20],
  ['/articles/beta/', '2025-11-02', 10],
  ['/lp/lead-scoring/meta-worksheet/', '2025-11-02', 25],
  ['/magnets/message-match-checklist/', '2025-11-03', 8],
  ['/magnets/message-match-checklist/', '2025-11-04', 99],
];

/** [landing, variant, visitors, day]. */
const ASSIGNMENTS: [string, string, number, string][] = [
  ['lead-scoring', 'meta-worksheet', 30, '2025-11-02'],
  ['lead-scoring', 'meta-examples', 20, '2025-11-02'],
  ['lead-scoring', 'meta-worksheet', 7, '2025-11-04'],
];

/** The outcomes file (OUTCOMES_CSV): a and d won in the range; g won too but signed up after it. */
export const OUTCOMES_CSV = 'email,outcome,revenue\na@example.com,won,1000\nb@example.com,lost,\nd@example.com,won,200.50\ng@example.com,won,5000\n';
/** A spend file: 80.00 for the worksheet campaign in the range (999 the day after), 25.50 for the review. */
export const SPEND_CSV =
  'date,campaign,amount\n2025-11-01,lead-scoring-worksheet,50.00\n2025-11-03,lead-scoring-worksheet,30\n2025-11-04,lead-scoring-worksheet,999\n2025-11-02,scoring-review,25.50\n';

export async function insertFixture(store: LeadStore): Promise<void> {
  const db = store.db;
  for (const spec of LEADS) {
    const created = at(spec.created);
    const { id } = await db
      .insertInto('leads')
      .values({ email: spec.email, name: HOSTILE, status: spec.status, rescore_at: null, created_at: created, updated_at: created })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const touch of spec.touches) {
      await db
        .insertInto('touches')
        .values({
          lead_id: id,
          form: 'magnet',
          consent: 1,
          emailed: 0,
          created_at: created,
          first_touch:
            spec.firstVisitHoursBefore === undefined ? null : JSON.stringify({ utm_source: 'x', at: created - spec.firstVisitHoursBefore * HOUR }),
          ...touch,
        })
        .execute();
    }
    for (const [from, to, hours] of spec.moves ?? []) {
      await db
        .insertInto('qualification_changes')
        .values({ lead_id: id, from_status: from, to_status: to, score: 50, explanation: '[]', created_at: created + hours * HOUR })
        .execute();
    }
    const salesReadyAt = created + (spec.moves?.find(([, to]) => to === 'sales-ready')?.[2] ?? 0) * HOUR;
    for (const [index, [status, minutes]] of (spec.webhooks ?? []).entries()) {
      await db
        .insertInto('outbox')
        .values({
          kind: 'webhook',
          lead_id: id,
          template: 'crm-handoff',
          payload: '{}',
          idempotency_key: `${spec.email}-${index}`,
          status,
          attempts: 1,
          next_attempt_at: salesReadyAt,
          created_at: salesReadyAt,
          sent_at: minutes === undefined ? null : salesReadyAt + minutes * MINUTE,
        })
        .execute();
    }
    // An email sent a minute after the move is no CRM delivery.
    if (spec.webhooks) {
      await db
        .insertInto('outbox')
        .values({
          kind: 'email',
          lead_id: id,
          template: 'sales-alert',
          payload: '{}',
          idempotency_key: `${spec.email}-alert`,
          status: 'sent',
          attempts: 1,
          next_attempt_at: salesReadyAt,
          created_at: salesReadyAt,
          sent_at: salesReadyAt + MINUTE,
        })
        .execute();
    }
  }
  await db
    .insertInto('page_view_counts')
    .values(VIEWS.map(([path, day, views]) => ({ path, day: dayOfDate(day)! * DAY, views })))
    .execute();
  for (const [landing, variant, visitors, day] of ASSIGNMENTS) {
    await db
      .insertInto('variant_assignments')
      .values(Array.from({ length: visitors }, (_, index) => ({ landing, variant, created_at: dayOfDate(day)! * DAY + index * MINUTE })))
      .execute();
  }
}
