import type { Kysely } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { nextQuestions } from '../scoring/next-questions.ts';
import type { Question, ScoringRules } from '../scoring/rules.ts';
import { markDueForScoring } from './rescore.ts';
import type { FieldValues, FormField } from './form-fields.ts';

/** The `form` of a touch that holds profiling answers: it adds answers, never attribution or consent. */
export const PROFILE_FORM = 'profile';
/** At most this many questions are asked after a signup. */
export const PROFILE_QUESTIONS = 3;
/** The query the thank-you page is sent back with once a reader without JavaScript has answered. */
export const ANSWERED_PARAM = 'answered';

/** The questions as the form shows and the endpoint checks them: every one optional. */
export function questionFields(questions: readonly Question[]): FormField[] {
  return questions.map((question) => ({ ...question, required: false }));
}

/**
 * What to ask after a signup through a form asking `formFields`: up to three questions that move
 * the most points, leaving out what the form asked (answered or skipped on purpose) and what this
 * browser has answered since (`answered`). Never what the lead told us elsewhere: the page would
 * then tell whoever typed an address whether it was on the list.
 */
export function profilingQuestions(rules: ScoringRules, formFields: readonly FormField[], answered: FieldValues = {}): Question[] {
  const asked: FieldValues = Object.fromEntries(formFields.map((field) => [field.name, true]));
  return nextQuestions(rules, { ...asked, ...answered }, PROFILE_QUESTIONS);
}

/** The answers the lead's touches hold from `since` on: those this browser gave (the latest per field wins). */
export async function answersSince(db: Kysely<Database>, leadId: number, since: number): Promise<FieldValues> {
  const touches = await db
    .selectFrom('touches')
    .select('fields')
    .where('lead_id', '=', leadId)
    .where('created_at', '>=', since)
    .where('fields', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return Object.assign({}, ...touches.map((touch) => JSON.parse(touch.fields!) as FieldValues)) as FieldValues;
}

export interface ProfileAnswer {
  leadId: number;
  magnet: string;
  page: string | undefined;
  answers: FieldValues;
  userAgent: string | undefined;
  now: number;
}

/**
 * Stores profiling answers as a touch of the lead, due for scoring, in one transaction. A lead that
 * no longer exists (erased since the cookie was set) gets nothing; the answer is the same.
 * Returns whether the answers were stored.
 */
export function recordProfile(store: LeadStore, answer: ProfileAnswer): Promise<boolean> {
  return store.write(async (trx) => {
    const lead = await trx.selectFrom('leads').select('id').where('id', '=', answer.leadId).executeTakeFirst();
    if (!lead) return false;
    await trx
      .insertInto('touches')
      .values({
        lead_id: lead.id,
        form: PROFILE_FORM,
        page: answer.page ?? null,
        magnet: answer.magnet,
        landing: null,
        variant: null,
        utm_source: null,
        utm_medium: null,
        utm_campaign: null,
        utm_term: null,
        utm_content: null,
        gclid: null,
        fbclid: null,
        ttclid: null,
        landing_page: null,
        referrer: null,
        first_touch: null,
        attribution_notes: null,
        user_agent: answer.userAgent?.slice(0, 400) ?? null,
        consent: 0,
        consent_text: null,
        consent_version: null,
        fields: JSON.stringify(answer.answers),
        emailed: 0,
        screening: null,
        created_at: answer.now,
      })
      .execute();
    await markDueForScoring(trx, lead.id, answer.now);
    return true;
  });
}
