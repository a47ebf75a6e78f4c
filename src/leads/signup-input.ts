import { z } from 'zod';
import {
  ATTRIBUTION_FIELDS,
  cleanAttribution,
  FIRST_TOUCH_FIELD,
  type AttributionField,
  type AttributionNote,
  type AttributionValues,
  type FirstTouch,
} from './attribution.ts';
import { normalizeEmail } from './email-address.ts';

/** Names of the two anti-bot fields every form carries. */
export const HONEYPOT_FIELD = 'website';
export const STAMP_FIELD = 'stamp';
/** The hidden field that makes a post to /api/leads a set of profiling answers: it names the magnet whose thank-you page asked. */
export const PROFILE_FIELD = 'profile';

/** Characters no one-line field may hold: C0 and C1 controls and the Unicode line separators. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** One line of text: trimmed, capped, no control characters (so no CR/LF reaches a header). */
function line(max: number) {
  return z
    .string({ error: 'must be text' })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'must be one line without control characters')
    .optional()
    .transform((value) => value || undefined);
}

// The message sits on the union: a value that is not text fails both options, and zod reports the union.
const slug = z
  .union(
    [
      z
        .string()
        .trim()
        .max(80, 'must be at most 80 characters')
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'is not a known slug'),
      z.literal('').transform(() => undefined),
    ],
    { error: 'must be text' },
  )
  .optional();

const sitePath = line(300).refine(
  (value) => value === undefined || /^\/(?!\/)[^\s\\]*$/.test(value),
  'must be a path on this site, like /articles/x/',
);

const attribution = z.unknown().optional();

/** How a checkbox or a yes/no field arrives from HTML forms and JSON clients. */
export const TRUE_WORDS: ReadonlySet<string> = new Set(['on', 'true', '1', 'yes']);
export const FALSE_WORDS: ReadonlySet<string> = new Set(['', 'off', 'false', '0', 'no']);

/** Every field `POST /api/leads` reads. Unknown fields are ignored. */
const signupFields = z.object({
  email: z
    .string({ error: 'Enter your email address.' })
    .max(254, 'This address is too long.')
    .transform((value, context) => {
      const checked = normalizeEmail(value);
      if (checked.ok) return checked.address;
      context.addIssue({ code: 'custom', message: checked.message });
      return z.NEVER;
    }),
  name: line(100),
  magnet: slug,
  landing: slug,
  variant: slug,
  /** The path of the page the form was on. */
  page: sitePath,
  // Attribution, read as it comes and cleaned by the rules in attribution.ts: never a reason to refuse a signup.
  utm_source: attribution,
  utm_medium: attribution,
  utm_campaign: attribution,
  utm_term: attribution,
  utm_content: attribution,
  gclid: attribution,
  fbclid: attribution,
  ttclid: attribution,
  /** The first page of the visit the signup happened in, with its query. */
  landing_page: attribution,
  /** The referrer of that visit. */
  referrer: attribution,
  /** The first visit of the last 90 days, as JSON, kept by the attribution script. */
  [FIRST_TOUCH_FIELD]: attribution,
  consent: z
    .union([z.boolean(), z.string()], { error: 'must be yes or no' })
    .optional()
    .transform((value, context) => {
      if (value === undefined || typeof value === 'boolean') return value ?? false;
      const normalised = value.trim().toLowerCase();
      if (TRUE_WORDS.has(normalised)) return true;
      if (FALSE_WORDS.has(normalised)) return false;
      context.addIssue({ code: 'custom', message: 'must be yes or no' });
      return z.NEVER;
    }),
  [HONEYPOT_FIELD]: z.unknown().optional(),
  [STAMP_FIELD]: z.unknown().optional(),
});

type OtherFields = Omit<z.output<typeof signupFields>, AttributionField | typeof FIRST_TOUCH_FIELD>;

/** A signup as captureLead() stores it: the attribution cleaned, with notes on what was cut or dropped. */
export type SignupInput = OtherFields &
  AttributionValues & {
    firstTouch: FirstTouch | undefined;
    attributionNotes: AttributionNote[];
  };

export const signupSchema = signupFields.transform((fields): SignupInput => {
  const { values, firstTouch, notes } = cleanAttribution(fields);
  const others: Record<string, unknown> = { ...fields };
  for (const field of [...ATTRIBUTION_FIELDS, FIRST_TOUCH_FIELD]) delete others[field];
  return { ...(others as OtherFields), ...values, firstTouch, attributionNotes: notes };
});

export type SignupParse = { ok: true; input: SignupInput } | { ok: false; errors: Record<string, string> };

/** Validates a decoded body; errors are keyed by field, one message each, as the 422 answer shows them. */
export function parseSignup(body: Record<string, unknown>): SignupParse {
  const result = signupSchema.safeParse(body);
  if (result.success) return { ok: true, input: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'body');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
