import type { LeadStore } from '../db/database.ts';
import { maskAddress } from './mask-address.ts';
import { parseStepTemplate, WELCOME_SEQUENCE } from './sequences.ts';

/** The newsletter, as the preference centre lists it: the welcome email and the sequence newsletter signups enter. */
export const NEWSLETTER_SEQUENCE = WELCOME_SEQUENCE;

/** One thing a lead can stay on or leave: the newsletter, or one sequence they entered. */
export interface EmailChoice {
  sequence: string;
  /** What the reader sees beside the box. */
  label: string;
  subscribed: boolean;
}

export interface Preferences {
  /** The lead's address, masked (see mask-address.ts). */
  address: string;
  /** True once the lead left everything; the choices are kept for when they come back. */
  unsubscribedAll: boolean;
  /** The newsletter first, then each sequence in the order the lead entered it. */
  choices: EmailChoice[];
}

/** The sequence an outbox email belongs to, if it is one a lead can leave: a step, or the newsletter's welcome email. */
export function sequenceOfTemplate(template: string): string | undefined {
  return template === 'welcome' ? NEWSLETTER_SEQUENCE : parseStepTemplate(template)?.sequence;
}

function label(sequence: string, magnetTitle: string | undefined): string {
  if (sequence === NEWSLETTER_SEQUENCE) return 'The newsletter: a practical guide every two weeks';
  if (magnetTitle) return `Follow-up emails: ${magnetTitle}`;
  return `The ${sequence.replaceAll('-', ' ')} emails`;
}

/** The sequences a lead entered (each has outbox rows), oldest first, with the magnet that brought each. */
async function enrolments(store: LeadStore, leadId: number): Promise<Map<string, string | undefined>> {
  const rows = await store.db
    .selectFrom('outbox')
    .select(['template', 'payload'])
    .where('lead_id', '=', leadId)
    .where((eb) => eb.or([eb('template', '=', 'welcome'), eb('template', 'like', 'sequence:%')]))
    .orderBy('id')
    .execute();
  const found = new Map<string, string | undefined>();
  for (const row of rows) {
    const sequence = sequenceOfTemplate(row.template);
    if (!sequence || found.has(sequence)) continue;
    const magnet = (JSON.parse(row.payload) as { magnet?: string }).magnet;
    found.set(sequence, magnet);
  }
  return found;
}

/** What the preference centre shows a lead, or undefined when there is no such lead (erased, or never was). */
export async function readPreferences(
  store: LeadStore,
  leadId: number,
  magnetTitles: ReadonlyMap<string, { title: string }>,
): Promise<Preferences | undefined> {
  const lead = await store.db.selectFrom('leads').select(['email', 'unsubscribed_at']).where('id', '=', leadId).executeTakeFirst();
  if (!lead) return undefined;
  const entered = await enrolments(store, leadId);
  const left = new Set(
    (await store.db.selectFrom('sequence_opt_outs').select('sequence').where('lead_id', '=', leadId).execute()).map((row) => row.sequence),
  );
  const order = [...entered.keys()].sort((a, b) => Number(b === NEWSLETTER_SEQUENCE) - Number(a === NEWSLETTER_SEQUENCE));
  return {
    address: maskAddress(lead.email),
    unsubscribedAll: lead.unsubscribed_at !== null,
    choices: order.map((sequence) => {
      const magnet = entered.get(sequence);
      return { sequence, label: label(sequence, magnet ? magnetTitles.get(magnet)?.title : undefined), subscribed: !left.has(sequence) };
    }),
  };
}

/**
 * Saves the preference centre's boxes: the lead stays on the sequences in `keep` and leaves the
 * others they entered (a slug they never entered is ignored). The outbox sender skips a left
 * sequence's next step, and that ends the sequence; ticking it again lets through only steps not yet
 * skipped. Returns false when there is no such lead.
 */
export async function savePreferences(store: LeadStore, leadId: number, keep: ReadonlySet<string>, now: number): Promise<boolean> {
  const entered = await enrolments(store, leadId);
  return store.write(async (trx) => {
    const lead = await trx.selectFrom('leads').select('id').where('id', '=', leadId).executeTakeFirst();
    if (!lead) return false;
    const leave = [...entered.keys()].filter((sequence) => !keep.has(sequence));
    const stay = [...entered.keys()].filter((sequence) => keep.has(sequence));
    if (stay.length) await trx.deleteFrom('sequence_opt_outs').where('lead_id', '=', leadId).where('sequence', 'in', stay).execute();
    if (leave.length) {
      await trx
        .insertInto('sequence_opt_outs')
        .values(leave.map((sequence) => ({ lead_id: leadId, sequence, created_at: now })))
        .onConflict((conflict) => conflict.columns(['lead_id', 'sequence']).doNothing())
        .execute();
    }
    return true;
  });
}
