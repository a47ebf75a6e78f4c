import type { FormField } from './form-fields.ts';

/** A form a lead can sign up through, as the server knows it (never as the client describes it). */
export interface SignupForm {
  /** Recorded on the touch: `newsletter`, `magnet`, `landing`. */
  kind: string;
  /** Consent is required before anything is stored. */
  requiresConsent: boolean;
  /** The exact wording the reader agreed to, and its version, kept with each touch. */
  consentText: string;
  consentVersion: string;
  /** Where an HTML form post is sent after a signup: derived here, never taken from the request. */
  thanksPath: string;
  /** The email this form sends: to a new lead, and to a known one too when `emailKnownLeads`. */
  firstEmail: string;
  /** A magnet asked for again is mailed again (within the daily cap); a newsletter signup is not. */
  emailKnownLeads: boolean;
  /** Fields the form asks for beyond the email address (and the newsletter's optional name). */
  fields: readonly FormField[];
  /** The magnet this form delivers, passed to its emails. */
  magnet?: string;
  /** Double opt-in: while the lead has not confirmed the address, this email goes instead of `firstEmail`. */
  confirmEmail?: string;
  /** The consultation landing page this form requests, passed to its email. */
  landing?: string;
  /** The nurture sequence a consenting (and, under double opt-in, confirmed) lead enters. */
  sequence?: string;
}

/** The site-wide signup for the article newsletter: the form used when no magnet or landing page is named. */
export const newsletterForm: SignupForm = {
  kind: 'newsletter',
  requiresConsent: true,
  consentText: 'Email me new Lodestone guides and occasional offers. I can unsubscribe with one click at any time.',
  consentVersion: '2026-11-22',
  thanksPath: '/thanks/',
  firstEmail: 'welcome',
  emailKnownLeads: false,
  fields: [],
  sequence: 'welcome',
};

export type FormLookup = { ok: true; form: SignupForm } | { ok: false; errors: Record<string, string> };

/**
 * The form a signup belongs to. Magnets and landing pages register their own forms as they are
 * added; until a slug is known here it is refused, so a tampered field can never pick a redirect
 * target or a consent text.
 */
export function findSignupForm(input: { magnet?: string; landing?: string }, registry: ReadonlyMap<string, SignupForm> = new Map()): FormLookup {
  if (input.magnet) {
    const form = registry.get(`magnet:${input.magnet}`);
    return form ? { ok: true, form } : { ok: false, errors: { magnet: 'is not an offer on this site' } };
  }
  if (input.landing) {
    const form = registry.get(`landing:${input.landing}`);
    return form ? { ok: true, form } : { ok: false, errors: { landing: 'is not a landing page on this site' } };
  }
  return { ok: true, form: newsletterForm };
}
