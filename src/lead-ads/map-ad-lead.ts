import type { FieldValues } from '../leads/form-fields.ts';
import { normalizeEmail } from '../leads/email-address.ts';
import { newsletterForm, type SignupForm } from '../leads/signup-forms.ts';
import type { SignupInput } from '../leads/signup-input.ts';
import { TRUE_WORDS } from '../leads/signup-input.ts';
import type { AdPlatform, LeadFormMapping } from './lead-form-mapping.ts';

/** A lead as an ad platform gave it, in one shape for both platforms. */
export interface PlatformLead {
  platform: AdPlatform;
  /** The platform's id of the lead. */
  leadId: string;
  formId: string;
  /** When the person sent the form, epoch ms. */
  createdAt: number;
  adId?: string;
  adsetId?: string;
  campaignId?: string;
  /** Each form field's answer, by the platform's field name (the first value when there are several). */
  answers: Record<string, string>;
  /** Custom disclaimer checkboxes, by key: ticked or not. */
  checkboxes: Record<string, boolean>;
}

/** The touch's form kind for every lead that came through a platform's lead form. */
export const LEAD_AD_FORM = 'lead-ad';

/** How the touch names where the lead came from, like the UTM tags of a site visit. */
export const PLATFORM_SOURCE: Record<AdPlatform, string> = { meta: 'facebook', tiktok: 'tiktok' };
export const LEAD_AD_MEDIUM = 'lead-ad';

export type MappedLead = { ok: true; input: SignupInput; fields: FieldValues; form: SignupForm } | { ok: false; error: string };

/** Longest answer kept from a platform field, as for a site form's text field. */
const ANSWER_MAX = 200;

function cut(value: string | undefined, max: number): string | undefined {
  const trimmed = value?.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
}

/**
 * Maps a platform lead onto a signup as the site's forms make one: the address and name from the
 * fields the mapping names, scoring answers translated to the questions' options, consent from the
 * checkbox (or the form itself), and the ad, ad set and campaign ids as the touch's attribution.
 * `forms` are the site's signup forms, so a lead ad for a magnet sends that magnet's emails.
 */
export function mapAdLead(lead: PlatformLead, mapping: LeadFormMapping, forms: ReadonlyMap<string, SignupForm>): MappedLead {
  const rawEmail = lead.answers[mapping.fields.email];
  if (!rawEmail) return { ok: false, error: `the form's ${mapping.fields.email} field is empty` };
  const email = normalizeEmail(rawEmail);
  if (!email.ok) return { ok: false, error: `the form's ${mapping.fields.email} field is not an address: ${email.message}` };

  const base = mapping.magnet ? forms.get(`magnet:${mapping.magnet}`) : { ...newsletterForm, sequence: mapping.sequence };
  if (!base) return { ok: false, error: `magnet ${mapping.magnet} is not on this site` };
  const form: SignupForm = { ...base, kind: LEAD_AD_FORM, consentText: mapping.consent.text, consentVersion: mapping.consent.version };

  const { checkbox } = mapping.consent;
  const consent =
    checkbox === undefined ||
    lead.checkboxes[checkbox] === true ||
    (lead.answers[checkbox] !== undefined && TRUE_WORDS.has(lead.answers[checkbox]!.trim().toLowerCase()));

  const fields: FieldValues = {};
  const company = mapping.fields.company ? cut(lead.answers[mapping.fields.company], ANSWER_MAX) : undefined;
  if (company) fields.company = company;
  for (const { question, field, values } of mapping.questions) {
    const answer = cut(lead.answers[field], ANSWER_MAX);
    if (answer) fields[question] = values[answer] ?? answer;
  }

  const input: SignupInput = {
    email: email.address,
    name: mapping.fields.name ? cut(lead.answers[mapping.fields.name], 100) : undefined,
    magnet: mapping.magnet,
    landing: undefined,
    variant: undefined,
    page: undefined,
    consent,
    website: undefined,
    stamp: undefined,
    utm_source: PLATFORM_SOURCE[lead.platform],
    utm_medium: LEAD_AD_MEDIUM,
    utm_campaign: cut(lead.campaignId, 200),
    utm_term: cut(lead.adsetId, 200),
    utm_content: cut(lead.adId, 200),
    firstTouch: undefined,
    attributionNotes: [],
  };
  return { ok: true, input, fields, form };
}
