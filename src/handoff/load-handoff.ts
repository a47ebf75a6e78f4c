import type { Kysely, Selectable } from 'kysely';
import type { Database, TouchTable } from '../db/schema.ts';
import { ATTRIBUTION_FIELDS, type FirstTouch } from '../leads/attribution.ts';
import type { FieldValues } from '../leads/form-fields.ts';
import { PROFILE_FORM } from '../leads/profiling.ts';
import type { Handoff, HandoffTouch } from './handoff.ts';

/** What scoring decides about a hand-off; the rest is read from the store. */
export type HandoffEvent = Pick<Handoff, 'eventId' | 'reason' | 'occurredAt' | 'score' | 'explanation'> & {
  leadId: number;
  qualification: Handoff['lead']['qualification'];
};

type TouchRow = Selectable<TouchTable>;

/** A stored touch as a hand-off tells it: the signup's form and page, and its visit's attribution. */
function signupTouch(row: TouchRow): HandoffTouch {
  const touch: HandoffTouch = { at: row.created_at };
  for (const field of ['form', 'page', 'magnet', 'landing', 'variant', ...ATTRIBUTION_FIELDS] as const) {
    const value = row[field];
    if (value !== null) touch[field] = value;
  }
  return touch;
}

/** The browser's first visit as the touch kept it (cleaned at capture), or the signup itself when it kept none. */
function firstTouchOf(row: TouchRow): HandoffTouch {
  if (row.first_touch === null) return signupTouch(row);
  return JSON.parse(row.first_touch) as FirstTouch;
}

/**
 * A hand-off of `event.leadId`: the lead, its answers (the latest per field over all its touches),
 * its first and last signup, and what scoring decided. Run it in the transaction that enqueues the
 * hand-off, so both see the same lead.
 */
export async function loadHandoff(db: Kysely<Database>, event: HandoffEvent): Promise<Handoff> {
  const { leadId, qualification, ...decided } = event;
  const lead = await db.selectFrom('leads').select(['id', 'email', 'name', 'created_at']).where('id', '=', leadId).executeTakeFirst();
  if (!lead) throw new Error(`no lead ${leadId} to hand off`);
  const touches = await db.selectFrom('touches').selectAll().where('lead_id', '=', leadId).orderBy('created_at').orderBy('id').execute();
  const answers: FieldValues = {};
  for (const touch of touches) if (touch.fields !== null) Object.assign(answers, JSON.parse(touch.fields) as FieldValues);
  // Profiling answers join the lead's answers; its visits are those of the signups.
  const signups = touches.filter((touch) => touch.form !== PROFILE_FORM);
  const first = signups[0];
  const last = signups.at(-1);
  return {
    ...decided,
    lead: { id: lead.id, email: lead.email, name: lead.name, qualification, createdAt: lead.created_at },
    answers,
    firstTouch: first ? firstTouchOf(first) : null,
    lastTouch: last ? signupTouch(last) : null,
  };
}
