import { randomUUIDv7 } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import type { Engine } from '../db/database-url.ts';
import type { Database, LeadTable, OutboxTable, TouchTable } from '../db/schema.ts';
import { firstStep } from '../nurture/enrol.ts';
import type { SequenceCatalog } from '../nurture/sequences.ts';
import { captureBatchOf } from './capture-batch.ts';
import { LeadStatus } from './lead-status.ts';
import type { FieldValues } from './form-fields.ts';
import type { SignupForm } from './signup-forms.ts';
import type { SignupInput } from './signup-input.ts';

/** At most this many emails triggered by signups go to one address in 24 hours, whoever asks. */
export const SIGNUP_EMAILS_PER_DAY = 3;
const DAY_MS = 86_400_000;

/** Why a signup is held back: `too-fast` was sent sooner after the form appeared than a person types. */
export type Screening = 'too-fast';
/** The confirmation a held signup gets instead of its first email: the magnet's double opt-in email, or the newsletter's. */
function heldConfirmEmail(form: SignupForm): string | undefined {
  if (form.magnet) return 'magnet-confirm';
  return form.kind === 'newsletter' ? 'newsletter-confirm' : undefined;
}

export interface CaptureContext {
  form: SignupForm;
  userAgent: string | undefined;
  now: number;
  /** Answers to the form's declared fields, kept with the touch. */
  fields?: FieldValues;
  /** The nurture sequences, to enrol the lead in the form's; without them no sequence is entered. */
  sequences?: SequenceCatalog;
  /**
   * Set when the signup could be a bot's but could as well be a fast person's (autofill): the lead is
   * kept, the touch flagged, and what a bot would abuse waits for a confirmation click.
   */
  screening?: Screening;
  /**
   * Makes the outbox row's idempotency key: a UUIDv7 (time first, then random), so new keys land at
   * the end of the key index instead of on a random page of it; a test may force a collision.
   */
  newKey?: () => string;
}

export interface CaptureResult {
  leadId: number;
  isNewLead: boolean;
  /** The outbox row queued by this signup, if any. */
  outboxId: number | undefined;
  /** Double opt-in: the lead has not confirmed the address yet, so the confirmation email was queued instead. */
  awaitingConfirmation: boolean;
}

/** What is known of the signup's lead when its rows are planned. */
interface LeadState {
  id: number;
  inserted: boolean;
  knownName: string | null;
  confirmed: boolean;
  emailedToday: number;
}

/** The rows one signup writes beside its lead: the touch, and the first email and sequence step if any. */
export interface SignupRows {
  touch: Insertable<TouchTable>;
  outbox: Insertable<OutboxTable>[];
  /** The first email's key, when the signup sends one: it must be written, never skipped. */
  firstKey: string | undefined;
  awaitingConfirmation: boolean;
}

/** The row of a lead first seen in this signup: new, and due to be scored at once. */
export function newLeadRow(input: SignupInput, now: number): Insertable<LeadTable> {
  return { email: input.email, name: input.name ?? null, status: LeadStatus.New, rescore_at: now, created_at: now, updated_at: now };
}

/** Plans the touch and outbox rows of a signup whose lead is known. */
export function planSignupRows(input: SignupInput, context: CaptureContext, lead: LeadState): SignupRows {
  const { form, now } = context;
  // A new lead always gets its first email; a known one only from forms that mail again, within the daily cap.
  // Under double opt-in, an address not yet confirmed gets the confirmation email instead. A held
  // signup is double opt-in for this touch: the magnet only after the click, the sequence after it too.
  const held = context.screening !== undefined && !lead.confirmed;
  const confirmEmail = form.confirmEmail ?? (held ? heldConfirmEmail(form) : undefined);
  const awaitingConfirmation = confirmEmail !== undefined && !lead.confirmed;
  const template = awaitingConfirmation ? confirmEmail : form.firstEmail;
  const email = (lead.inserted || form.emailKnownLeads) && lead.emailedToday < SIGNUP_EMAILS_PER_DAY ? template : undefined;
  const touch: Insertable<TouchTable> = {
    lead_id: lead.id,
    form: form.kind,
    page: input.page ?? null,
    magnet: input.magnet ?? null,
    landing: input.landing ?? null,
    variant: input.variant ?? null,
    utm_source: input.utm_source ?? null,
    utm_medium: input.utm_medium ?? null,
    utm_campaign: input.utm_campaign ?? null,
    utm_term: input.utm_term ?? null,
    utm_content: input.utm_content ?? null,
    gclid: input.gclid ?? null,
    fbclid: input.fbclid ?? null,
    ttclid: input.ttclid ?? null,
    landing_page: input.landing_page ?? null,
    referrer: input.referrer ?? null,
    first_touch: input.firstTouch ? JSON.stringify(input.firstTouch) : null,
    attribution_notes: input.attributionNotes.length ? JSON.stringify(input.attributionNotes) : null,
    user_agent: context.userAgent?.slice(0, 400) ?? null,
    consent: input.consent ? 1 : 0,
    consent_text: input.consent ? form.consentText : null,
    consent_version: input.consent ? form.consentVersion : null,
    fields: context.fields && Object.keys(context.fields).length ? JSON.stringify(context.fields) : null,
    emailed: email ? 1 : 0,
    screening: context.screening ?? null,
    created_at: now,
  };
  // The first email and, once the lead agreed to marketing email (and under double opt-in confirmed
  // the address), the first step of the form's sequence. A step already planned for this lead is kept as it is.
  const outbox: Insertable<OutboxTable>[] = [];
  const name = input.name ?? lead.knownName;
  let firstKey: string | undefined;
  if (email) {
    firstKey = (context.newKey ?? randomUUIDv7)();
    outbox.push({
      kind: 'email',
      lead_id: lead.id,
      template: email,
      payload: JSON.stringify({ to: input.email, name, leadId: lead.id, magnet: form.magnet, landing: form.landing }),
      idempotency_key: firstKey,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    });
  }
  if (form.sequence && context.sequences && input.consent && !awaitingConfirmation && !held) {
    outbox.push(firstStep(context.sequences, { leadId: lead.id, to: input.email, name, sequence: form.sequence, magnet: form.magnet, now }));
  }
  return { touch, outbox, firstKey, awaitingConfirmation };
}

/**
 * Records a signup atomically: the lead (one per address), the touch, and the first email in the
 * outbox. Either all of it is stored or none of it; once this returns, the signup is on disk,
 * survives a crash, and its email will be sent. Signups of the same moment are written together
 * (see capture-batch.ts).
 */
export function captureLead(store: LeadStore, input: SignupInput, context: CaptureContext): Promise<CaptureResult> {
  return captureBatchOf(store).add(input, context);
}

/** captureLead()'s writes for one signup, inside a transaction the caller owns. */
export async function captureOne(trx: Transaction<Database>, engine: Engine, input: SignupInput, context: CaptureContext): Promise<CaptureResult> {
  const { form, now } = context;
  const inserted = await trx
    .insertInto('leads')
    .values(newLeadRow(input, now))
    .onConflict((conflict) => conflict.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();

  const lead: LeadState = { id: inserted?.id ?? 0, inserted: inserted !== undefined, knownName: null, confirmed: false, emailedToday: 0 };
  if (!inserted) {
    let known = trx.selectFrom('leads').select(['id', 'name', 'confirmed_at']).where('email', '=', input.email);
    // Serialises concurrent signups of one address on PostgreSQL so the daily email cap holds; SQLite runs one writer at a time anyway.
    if (engine === 'postgres') known = known.forUpdate();
    const row = await known.executeTakeFirstOrThrow();
    lead.id = row.id;
    lead.knownName = row.name;
    lead.confirmed = row.confirmed_at !== null;
    // The new touch is due to be scored; a name given for the first time is kept.
    const named = input.name && !row.name ? { name: input.name, updated_at: now } : {};
    await trx
      .updateTable('leads')
      .set({ rescore_at: now, ...named })
      .where('id', '=', row.id)
      .execute();
    if (form.emailKnownLeads) {
      const counted = await trx
        .selectFrom('touches')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('lead_id', '=', row.id)
        .where('emailed', '=', 1)
        .where('created_at', '>', now - DAY_MS)
        .executeTakeFirstOrThrow();
      lead.emailedToday = Number(counted.n);
    }
  }
  const planned = planSignupRows(input, context, lead);
  await trx.insertInto('touches').values(planned.touch).execute();
  let outboxId: number | undefined;
  if (planned.outbox.length) {
    const written = await trx
      .insertInto('outbox')
      .values(planned.outbox)
      .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
      .returning(['id', 'idempotency_key'])
      .execute();
    outboxId = written.find((row) => row.idempotency_key === planned.firstKey)?.id;
    // Steps already planned are skipped on purpose; the first email never is: roll it all back.
    if (planned.firstKey !== undefined && outboxId === undefined) throw new Error(`outbox key ${planned.firstKey} is already taken`);
  }
  return { leadId: lead.id, isNewLead: lead.inserted, outboxId, awaitingConfirmation: planned.awaitingConfirmation };
}
