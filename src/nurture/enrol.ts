import type { Insertable, Transaction } from 'kysely';
import type { Database, OutboxTable } from '../db/schema.ts';
import type { EmailPayload } from '../email/render.ts';
import { OutboxStatus } from '../outbox/outbox-status.ts';
import { stepTemplate, type SequenceCatalog } from './sequences.ts';

export interface Enrolment {
  leadId: number;
  to: string;
  name: string | null;
  sequence: string;
  /** The magnet that brought the lead in, for merge fields and the "not downloaded" condition. */
  magnet: string | undefined;
  now: number;
}

/** The outbox idempotency key of a step for a lead: one row, so one email, per lead and step, ever. */
export function stepKey(leadId: number, sequence: string, step: string): string {
  return `step:${leadId}:${sequence}:${step}`;
}

/**
 * The outbox row of step `index` of a sequence for one lead. Its due time comes from the schedule,
 * not from when the previous step happened to go out: the enrolment time for `after: signup`, else
 * the previous step's due time, plus the delay. A worker that was down catches up in order.
 */
function stepRow(
  sequences: SequenceCatalog,
  payload: Required<Pick<EmailPayload, 'to' | 'leadId' | 'sequence' | 'enrolledAt'>> & EmailPayload,
  index: number,
  previousDue: number,
  now: number,
): Insertable<OutboxTable> | undefined {
  const sequence = sequences.get(payload.sequence);
  if (!sequence) throw new Error(`sequence "${payload.sequence}" is not in content/sequences/`);
  const step = sequence.steps[index];
  if (!step) return undefined;
  const due = (step.after === 'signup' ? payload.enrolledAt : previousDue) + step.delayMs;
  return {
    kind: 'email',
    lead_id: payload.leadId,
    template: stepTemplate(sequence.slug, step.id),
    payload: JSON.stringify({ ...payload, step: step.id, dueAt: due } satisfies EmailPayload),
    idempotency_key: stepKey(payload.leadId, sequence.slug, step.id),
    status: OutboxStatus.Pending,
    attempts: 0,
    next_attempt_at: due,
    created_at: now,
  };
}

/**
 * Entering a sequence plans its first step; each later step is planned when the one before it is
 * settled (sent, failed for good, or skipped by its condition). One row per lead and step, keyed
 * uniquely, so entering again, or settling twice, never plans a step twice.
 */
export function firstStep(sequences: SequenceCatalog, enrolment: Enrolment): Insertable<OutboxTable> {
  const { leadId, to, name, sequence, magnet, now } = enrolment;
  return stepRow(sequences, { to, name, leadId, magnet, sequence, enrolledAt: now }, 0, now, now)!;
}

/** The step after the one in `payload`, or undefined when it was the last. */
export function nextStep(sequences: SequenceCatalog, payload: EmailPayload, now: number): Insertable<OutboxTable> | undefined {
  if (!payload.sequence || !payload.step || payload.leadId === undefined || payload.enrolledAt === undefined) return undefined;
  const index = sequences.get(payload.sequence)?.steps.findIndex((step) => step.id === payload.step) ?? -1;
  if (index < 0) return undefined;
  const { to, leadId, sequence, enrolledAt } = payload;
  return stepRow(sequences, { ...payload, to, leadId, sequence, enrolledAt }, index + 1, payload.dueAt ?? now, now);
}

/** Enters a lead into a sequence inside the caller's transaction (the double opt-in confirmation). */
export async function enrol(trx: Transaction<Database>, sequences: SequenceCatalog, enrolment: Enrolment): Promise<void> {
  await trx
    .insertInto('outbox')
    .values(firstStep(sequences, enrolment))
    .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
    .execute();
}
