import { escapeHtml } from '../seo/escape-html.ts';
import { ATTRIBUTION_FIELDS, FIRST_TOUCH_FIELD } from './attribution.ts';
import type { FormField } from './form-fields.ts';
import { renderInShell, type SiteShell } from './site-shell.ts';
import type { SignupForm } from './signup-forms.ts';
import { HONEYPOT_FIELD, PROFILE_FIELD, STAMP_FIELD, TRUE_WORDS } from './signup-input.ts';

/** What the no-JavaScript 422 page needs: the form as the server knows it, what was posted, and what is wrong. */
export interface FormErrorPage {
  /** Undefined when the post named no form of this site (an unknown magnet): only the errors are shown. */
  form: SignupForm | undefined;
  posted: Record<string, unknown>;
  errors: Record<string, string>;
  /** A same-site path, already checked. */
  backTo: string;
  /** False for profiling answers sent with a live lead cookie: that form does not ask for the address. */
  askEmail?: boolean;
}

/** Fields the reader cannot see, carried over so a resubmit counts as the same touch. */
const CARRIED = [PROFILE_FIELD, 'magnet', 'landing', 'variant', 'page', ...ATTRIBUTION_FIELDS, FIRST_TOUCH_FIELD, STAMP_FIELD];
/** Words for fields that have no label on the form, for errors the reader cannot fix beside a field. */
const NAMES: Record<string, string> = {
  body: 'The form',
  email: 'The email address',
  name: 'The first name',
  consent: 'The consent box',
  magnet: 'The guide you asked for',
  landing: 'The landing page',
  variant: 'The landing page variant',
  page: 'The address of the page the form was on',
  [PROFILE_FIELD]: 'The questions',
};
const ID = 'retry';

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const ticked = (value: unknown) => value === true || (typeof value === 'string' && TRUE_WORDS.has(value.trim().toLowerCase()));

/** A sentence for any message: the schema's fragments (`must be text`) get the field's name in front. */
function sentence(label: string, message: string): string {
  return /^[a-z]/.test(message) ? `${label} ${message}.` : message;
}

function describedBy(name: string, help: string | undefined): string {
  return [help ? `${ID}-${name}-help` : '', `${ID}-${name}-error`].filter(Boolean).join(' ');
}

function errorLine(name: string, error: string | undefined, label: string): string {
  return `<p class="field-error" id="${ID}-${name}-error" data-error-for="${name}">${error ? escapeHtml(sentence(label, error)) : ''}</p>`;
}

function control(field: FormField, value: unknown, error: string | undefined): string {
  const id = `${ID}-${field.name}`;
  const common = `id="${id}" name="${field.name}"${field.required ? ' required' : ''} aria-describedby="${describedBy(field.name, field.help)}"${error ? ' aria-invalid="true"' : ''}`;
  const help = field.help ? `<p class="field-help" id="${id}-help">${escapeHtml(field.help)}</p>` : '';
  if (field.type === 'checkbox') {
    return `<div class="lead-form__consent"><input ${common} type="checkbox"${ticked(value) ? ' checked' : ''}><label for="${id}">${escapeHtml(field.label)}</label>${help}${errorLine(field.name, error, field.label)}</div>`;
  }
  const label = `<label for="${id}">${escapeHtml(field.label)}${field.required ? '' : '<span class="lead-form__optional"> (optional)</span>'}</label>`;
  const input =
    field.type === 'select'
      ? `<select ${common}><option value="">Choose one</option>${field.options!.map((option) => `<option value="${escapeHtml(option)}"${option === text(value) ? ' selected' : ''}>${escapeHtml(option)}</option>`).join('')}</select>`
      : `<input ${common} type="text" maxlength="${field.name === 'name' ? 100 : 200}" autocomplete="${escapeHtml(field.autocomplete ?? (field.name === 'name' ? 'given-name' : 'off'))}" value="${escapeHtml(text(value))}">`;
  return `<div class="lead-form__row">${label}${input}${help}${errorLine(field.name, error, field.label)}</div>`;
}

/** The form's visible fields, in the order the site's forms show them. */
function visibleFields(form: SignupForm, askEmail: boolean): FormField[] {
  const email: FormField = { name: 'email', label: 'Email address', type: 'text', required: true, autocomplete: 'email' };
  if (!askEmail) return [...form.fields];
  const name: FormField = { name: 'name', label: 'First name', type: 'text', required: false, autocomplete: 'given-name' };
  const declaresName = form.fields.some((field) => field.name === 'name');
  return [email, ...(form.kind === 'newsletter' && !declaresName ? [name] : []), ...form.fields];
}

function emailControl(value: unknown, error: string | undefined): string {
  return (
    `<div class="lead-form__row"><label for="${ID}-email">Email address</label>` +
    `<input id="${ID}-email" name="email" type="email" autocomplete="email" inputmode="email" required maxlength="254" aria-describedby="${ID}-email-error"${error ? ' aria-invalid="true"' : ''} value="${escapeHtml(text(value))}">` +
    `${errorLine('email', error, 'The email address')}</div>`
  );
}

const SUBMIT: Record<string, string> = { newsletter: 'Sign up', magnet: 'Email it to me', profile: 'Send my answers' };

/**
 * The answer to an HTML form post with mistakes, for readers without JavaScript: the same form
 * again in the site's look, each message beside its field, what was typed kept, and every hidden
 * field carried over, so fixing the mistake and sending again completes the signup.
 */
export function renderFormErrorPage(shell: SiteShell, { form, posted, errors, backTo, askEmail = true }: FormErrorPage): string {
  const fields = form ? visibleFields(form, askEmail) : [];
  const placed = new Set([...fields.map((field) => field.name), ...(form?.requiresConsent ? ['consent'] : [])]);
  const elsewhere = Object.entries(errors).filter(([name]) => !placed.has(name));
  const count = Object.keys(errors).length;
  const parts = [
    `<div class="container narrow"><h1>Please check the form</h1>`,
    `<p role="alert">${count === 1 ? 'One thing needs' : `${count} things need`} fixing before we can send it.</p>`,
  ];
  if (elsewhere.length) {
    parts.push(
      `<ul>${elsewhere.map(([name, message]) => `<li>${escapeHtml(sentence(NAMES[name] ?? 'A hidden field of the form', message))}</li>`).join('')}</ul>`,
    );
  }
  if (form) {
    parts.push(`<form class="lead-form" method="post" action="/api/leads" data-lead-form>`);
    for (const field of fields)
      parts.push(field.name === 'email' ? emailControl(posted.email, errors.email) : control(field, posted[field.name], errors[field.name]));
    if (form.requiresConsent) {
      parts.push(
        `<div class="lead-form__consent"><input id="${ID}-consent" name="consent" type="checkbox" required aria-describedby="${ID}-consent-error"${errors.consent ? ' aria-invalid="true"' : ''}${ticked(posted.consent) ? ' checked' : ''}><label for="${ID}-consent">${escapeHtml(form.consentText)}</label></div>`,
        errorLine('consent', errors.consent, NAMES.consent!),
      );
    }
    for (const name of CARRIED) {
      const value = text(posted[name]);
      if (value) parts.push(`<input type="hidden" name="${name}" value="${escapeHtml(value)}">`);
    }
    parts.push(
      `<div class="lead-form__trap" aria-hidden="true"><label>Leave this empty <input type="text" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></label></div>`,
      `<button type="submit">${SUBMIT[form.kind] ?? 'Send'}</button></form>`,
    );
  }
  parts.push(`<p><a href="${escapeHtml(backTo)}">Back to the page you were on</a></p></div>`);
  return renderInShell(shell, 'Please check the form', parts.join(''));
}
