import { z } from 'zod';
import { HONEYPOT_FIELD, PROFILE_FIELD, signupSchema, STAMP_FIELD, TRUE_WORDS, FALSE_WORDS, CONTROL_CHARACTERS } from './signup-input.ts';

/** A form asks for the email address and at most this many fields in all. */
export const MAX_FORM_FIELDS = 6;
export const FIELD_TYPES = ['text', 'select', 'checkbox'] as const;
/** Longest answer a declared text field keeps. */
export const FIELD_TEXT_MAX = 200;

/** Field names the endpoint already reads for its own purpose; `name` is allowed and fills the lead's name. */
const RESERVED = new Set([...Object.keys(signupSchema.in.shape), HONEYPOT_FIELD, STAMP_FIELD, PROFILE_FIELD].filter((key) => key !== 'name'));

/** One field a form asks for beyond the email address, as content declares it. */
export const formFieldSchema = z
  .object({
    /** The field's name in the form post and in the stored touch, like `company_size`. */
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'use lowercase letters, digits and underscores, starting with a letter')
      .refine((name) => !RESERVED.has(name), { message: 'is a name the signup endpoint already uses; pick another' }),
    label: z.string().trim().min(2).max(80),
    type: z.enum(FIELD_TYPES),
    /** Shown under the label: why you ask, or what a good answer looks like. */
    help: z.string().trim().max(160).optional(),
    required: z.boolean().default(false),
    /** The choices of a `select`. */
    options: z.array(z.string().trim().min(1).max(60)).min(2).max(12).optional(),
    /** The browser's autofill hint, like `organization` or `given-name`. */
    autocomplete: z
      .string()
      .regex(/^[a-z-]+(?: [a-z-]+)*$/)
      .optional(),
  })
  .refine((field) => (field.type === 'select') === (field.options !== undefined), {
    message: 'a select needs options, and only a select has them',
    path: ['options'],
  });

export type FormField = z.output<typeof formFieldSchema>;

export type FieldValues = Record<string, string | boolean>;
export type FieldParse = { ok: true; values: FieldValues } | { ok: false; errors: Record<string, string> };

/**
 * Checks the answers to a form's declared fields. `name` is read by the signup schema itself, so
 * here it is only held to `required`. Answers are kept for the touch, keyed by field name.
 */
export function parseDeclaredFields(fields: readonly FormField[], body: Record<string, unknown>): FieldParse {
  const values: FieldValues = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = body[field.name];
    if (field.type === 'checkbox') {
      const checked = raw === true || (typeof raw === 'string' && TRUE_WORDS.has(raw.trim().toLowerCase()));
      const unchecked = raw === undefined || raw === false || (typeof raw === 'string' && FALSE_WORDS.has(raw.trim().toLowerCase()));
      if (!checked && !unchecked) errors[field.name] = 'must be yes or no';
      else if (field.required && !checked) errors[field.name] = 'Please tick this box.';
      else values[field.name] = checked;
      continue;
    }
    if (raw !== undefined && typeof raw !== 'string') {
      errors[field.name] = 'must be text';
      continue;
    }
    const answer = (raw ?? '').trim();
    if (!answer) {
      if (field.required) errors[field.name] = field.type === 'select' ? 'Please choose one.' : 'Please fill this in.';
      continue;
    }
    if (field.name === 'name') continue;
    if (field.type === 'select') {
      if (field.options!.includes(answer)) values[field.name] = answer;
      else errors[field.name] = 'Please choose one of the options.';
    } else if (answer.length > FIELD_TEXT_MAX) {
      errors[field.name] = `must be at most ${FIELD_TEXT_MAX} characters`;
    } else if (CONTROL_CHARACTERS.test(answer)) {
      errors[field.name] = 'must be one line without control characters';
    } else {
      values[field.name] = answer;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values };
}
