import { randomUUIDv7 } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import type { OutboxTable } from '../db/schema.ts';
import { firstStep } from '../nurture/enrol.ts';
import type { SequenceCatalog } from '../nurture/sequences.ts';
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

/**
 * Records a signup atomically: the lead (one per address), the touch, and the first email in the
 * outbox. Either all of it is stored or none of it; once this returns, the signup is on disk,
 * survives a crash, and its email will be sent.
 */
export async function captureLead(store: LeadStore, input: SignupInput, context: CaptureContext): Promise<CaptureResult> {
  const { form, now } = context;
  return store.write(async (trx) => {
    const inserted = await trx
      .insertInto('leads')
      .values({ email: input.email, name: input.name ?? null, status: LeadStatus.Active, created_at: now, updated_at: now })
      .onConflict((conflict) => conflict.column('email').doNothing())
      .returning('id')
      .executeTakeFirst();

    let leadId: number;
    let knownName: string | null = null;
    let confirmed = false;
    let emailedToday = 0;
    if (inserted) {
      leadId = inserted.id;
    } else {
      let known = trx.selectFrom('leads').select(['id', 'name', 'confirmed_at']).where('email', '=', input.email);
      // Serialises concurrent signups of one address on PostgreSQL so the daily email cap holds; SQLite runs one writer at a time anyway.
      if (store.engine === 'postgres') known = known.forUpdate();
      const lead = await known.executeTakeFirstOrThrow();
      leadId = lead.id;
      knownName = lead.name;
      confirmed = lead.confirmed_at !== null;
      if (input.name && !lead.name) {
        await trx.updateTable('leads').set({ name: input.name, updated_at: now }).where('id', '=', lead.id).execute();
      }
      if (form.emailKnownLeads) {
        const row = await trx
          .selectFrom('touches')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('lead_id', '=', lead.id)
          .where('emailed', '=', 1)
          .where('created_at', '>', now - DAY_MS)
          .executeTakeFirstOrThrow();
        emailedToday = Number(row.n);
      }
    }
    // A new lead always gets its first email; a known one only from forms that mail again, within the daily cap.
    // Under double opt-in, an address not yet confirmed gets the confirmation email instead. A held
    // signup is double opt-in for this touch: the magnet only after the click, the sequence after it too.
    const held = context.screening !== undefined && !confirmed;
    const confirmEmail = form.confirmEmail ?? (held ? heldConfirmEmail(form) : undefined);
    const awaitingConfirmation = confirmEmail !== undefined && !confirmed;
    const template = awaitingConfirmation ? confirmEmail : form.firstEmail;
    const email = (inserted || form.emailKnownLeads) && emailedToday < SIGNUP_EMAILS_PER_DAY ? template : undefined;

    await trx
      .insertInto('touches')
      .values({
        lead_id: leadId,
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
      })
      .execute();

    // The first email and, once the lead agreed to marketing email (and under double opt-in confirmed
    // the address), the first step of the form's sequence, in one statement. A step already planned
    // for this lead is kept as it is.
    const firstKey = (context.newKey ?? randomUUIDv7)();
    const rows: Insertable<OutboxTable>[] = [];
    if (email) {
      rows.push({
        kind: 'email',
        lead_id: leadId,
        template: email,
        payload: JSON.stringify({ to: input.email, name: input.name ?? knownName, leadId, magnet: form.magnet, landing: form.landing }),
        idempotency_key: firstKey,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
      });
    }
    if (form.sequence && context.sequences && input.consent && !awaitingConfirmation && !held) {
      rows.push(
        firstStep(context.sequences, { leadId, to: input.email, name: input.name ?? knownName, sequence: form.sequence, magnet: form.magnet, now }),
      );
    }
    let outboxId: number | undefined;
    if (rows.length) {
      const written = await trx
        .insertInto('outbox')
        .values(rows)
        .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
        .returning(['id', 'idempotency_key'])
        .execute();
      outboxId = written.find((row) => row.idempotency_key === firstKey)?.id;
      // Steps already planned are skipped on purpose; the first email never is: roll it all back.
      if (email && outboxId === undefined) throw new Error(`outbox key ${firstKey} is already taken`);
    }
    return { leadId, isNewLead: inserted !== undefined, outboxId, awaitingConfirmation };
  });
}
