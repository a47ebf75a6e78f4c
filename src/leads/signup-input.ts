import { z } from 'zod';
import { normalizeEmail } from './email-address.ts';

/** Names of the two anti-bot fields every form carries. */
export const HONEYPOT_FIELD = 'website';
export const STAMP_FIELD = 'stamp';

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

const slug = z
  .string({ error: 'must be text' })
  .trim()
  .max(80, 'must be at most 80 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'is not a known slug')
  .optional()
  .or(z.literal('').transform(() => undefined));

const sitePath = line(300).refine(
  (value) => value === undefined || /^\/(?!\/)[^\s\\]*$/.test(value),
  'must be a path on this site, like /articles/x/',
);
const clickId = line(300).refine((value) => value === undefined || /^[\w.~-]+$/.test(value), 'is not a click id');
const url = line(500).refine((value) => value === undefined || URL.canParse(value), 'must be a full URL');

/** How a checkbox or a yes/no field arrives from HTML forms and JSON clients. */
export const TRUE_WORDS: ReadonlySet<string> = new Set(['on', 'true', '1', 'yes']);
export const FALSE_WORDS: ReadonlySet<string> = new Set(['', 'off', 'false', '0', 'no']);

/** Every field `POST /api/leads` reads. Unknown fields are ignored. */
export const signupSchema = z.object({
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
  utm_source: line(200),
  utm_medium: line(200),
  utm_campaign: line(200),
  utm_term: line(200),
  utm_content: line(200),
  gclid: clickId,
  fbclid: clickId,
  ttclid: clickId,
  /** The first page of the visit that brought this reader, kept by the attribution script. */
  landing_page: line(500),
  /** The referrer of that first visit. */
  referrer: url,
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

export type SignupInput = z.output<typeof signupSchema>;

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
