import type { Selectable } from 'kysely';
import type { LeadStore } from '../../db/database.ts';
import type { TouchTable } from '../../db/schema.ts';
import type { FirstTouch } from '../../leads/attribution.ts';
import { PROFILE_FORM } from '../../leads/profiling.ts';
import { csvRow } from './csv-cell.ts';

const TAGS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'gclid',
  'fbclid',
  'ttclid',
  'landing_page',
  'referrer',
] as const;

/** The header row: the lead, then its first touch (the first visit), then its last signup. */
export const LEADS_CSV_COLUMNS = [
  'id',
  'email',
  'name',
  'status',
  'score',
  'created_at',
  'confirmed_at',
  'unsubscribed_at',
  'first_touch_at',
  ...TAGS.map((tag) => `first_${tag}`),
  'last_touch_at',
  'last_form',
  'last_page',
  'last_magnet',
  'last_landing',
  'last_variant',
  ...TAGS.map((tag) => `last_${tag}`),
] as const;

type Touch = Pick<
  Selectable<TouchTable>,
  'lead_id' | 'form' | 'page' | 'magnet' | 'landing' | 'variant' | 'first_touch' | 'created_at' | (typeof TAGS)[number]
>;

const iso = (time: number | null | undefined) => (time === null || time === undefined ? null : new Date(time).toISOString());

/** The first visit as the first signup kept it (as the CRM hand-off tells it), or that signup itself. */
function firstTouchCells(touch: Touch | undefined): (string | null)[] {
  if (!touch) return [null, ...TAGS.map(() => null)];
  if (touch.first_touch !== null) {
    const first = JSON.parse(touch.first_touch) as FirstTouch;
    return [iso(first.at), ...TAGS.map((tag) => first[tag] ?? null)];
  }
  return [iso(touch.created_at), ...TAGS.map((tag) => touch[tag])];
}

function lastTouchCells(touch: Touch | undefined): (string | null)[] {
  if (!touch) return [null, null, null, null, null, null, ...TAGS.map(() => null)];
  return [iso(touch.created_at), touch.form, touch.page, touch.magnet, touch.landing, touch.variant, ...TAGS.map((tag) => touch[tag])];
}

export interface LeadsCsvOptions {
  /** Leads read per query. */
  pageSize?: number;
  /** Called with the number of leads each query returned (for tests and measurements). */
  onPage?: (leads: number) => void;
}

/**
 * Every lead as CSV, streamed: one page of leads (by id, keyset) and their signup touches is read
 * only when the reader wants more, so memory holds one page whatever the number of leads. Profiling
 * touches answer questions; they are not visits, so attribution comes from signups only.
 */
export function leadsCsv(store: LeadStore, { pageSize = 1_000, onPage }: LeadsCsvOptions = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = 0;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          // The BOM makes spreadsheets read the file as UTF-8.
          controller.enqueue(encoder.encode(`\ufeff${csvRow(LEADS_CSV_COLUMNS)}`));
          return;
        }
        const leads = await store.db
          .selectFrom('leads')
          .select(['id', 'email', 'name', 'status', 'score', 'created_at', 'confirmed_at', 'unsubscribed_at'])
          .where('id', '>', after)
          .orderBy('id')
          .limit(pageSize)
          .execute();
        onPage?.(leads.length);
        if (leads.length === 0) return controller.close();
        after = leads.at(-1)!.id;
        const touches = await store.db
          .selectFrom('touches')
          .select(['lead_id', 'form', 'page', 'magnet', 'landing', 'variant', 'first_touch', 'created_at', ...TAGS])
          .where(
            'lead_id',
            'in',
            leads.map((lead) => lead.id),
          )
          .where('form', '!=', PROFILE_FORM)
          .orderBy('lead_id')
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        const first = new Map<number, Touch>();
        const last = new Map<number, Touch>();
        for (const touch of touches) {
          if (!first.has(touch.lead_id)) first.set(touch.lead_id, touch);
          last.set(touch.lead_id, touch);
        }
        let chunk = '';
        for (const lead of leads) {
          chunk += csvRow([
            lead.id,
            lead.email,
            lead.name,
            lead.status,
            lead.score,
            iso(lead.created_at),
            iso(lead.confirmed_at),
            iso(lead.unsubscribed_at),
            ...firstTouchCells(first.get(lead.id)),
            ...lastTouchCells(last.get(lead.id)),
          ]);
        }
        controller.enqueue(encoder.encode(chunk));
      },
    },
    { highWaterMark: 0 },
  );
}
