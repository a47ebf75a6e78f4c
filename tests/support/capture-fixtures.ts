import { newsletterForm, type SignupForm } from '../../src/leads/signup-forms.ts';
import { parseSignup, type SignupInput } from '../../src/leads/signup-input.ts';

/** A form that mails known leads too, as a magnet form does. */
export const resendingForm: SignupForm = { ...newsletterForm, kind: 'magnet', emailKnownLeads: true };

/** A single opt-in magnet's form. */
export const magnetForm: SignupForm = {
  ...resendingForm,
  firstEmail: 'magnet',
  magnet: 'lead-scoring-worksheet',
  thanksPath: '/thanks/lead-scoring-worksheet/',
};

/** A signup as captureLead() takes it, parsed from form fields; throws on fields the schema refuses. */
export function signupInput(fields: Record<string, unknown>): SignupInput {
  const parsed = parseSignup(fields);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.input;
}
