import type { Runtime } from '../server/runtime.ts';
import { countSignup } from '../ops/metrics.ts';
import { captureLead } from './capture-lead.ts';
import { checkFormStamp } from './form-stamp.ts';
import { clientKey, hitRateLimit } from './rate-limiter.ts';
import {
  acceptedMediaType,
  BodyTooLargeError,
  clientAddress,
  decodeBody,
  isSameOrigin,
  MAX_BODY_BYTES,
  readBody,
  siteOrigins,
  type SignupRequest,
} from './request-guards.ts';
import { checkLandingFields } from '../landing/landing-schema.ts';
import { parseDeclaredFields } from './form-fields.ts';
import { downloadCookie } from './link-token.ts';
import { findSignupForm, type SignupForm } from './signup-forms.ts';
import { HONEYPOT_FIELD, parseSignup, PROFILE_FIELD, signupSchema, STAMP_FIELD } from './signup-input.ts';
import { sameSitePath } from './back-link.ts';
import { renderFormErrorPage } from './form-error-page.ts';
import { renderRefusalPage } from './refusal-page.ts';
import { siteShell } from './site-shell.ts';
import { leadCookie, leadOfRequest } from './lead-cookie.ts';
import { ANSWERED_PARAM, PROFILE_FORM, questionFields, recordProfile } from './profiling.ts';
import { htmlEndpointAnswer, jsonEndpointAnswer as json, type EndpointAnswer, type HeaderReader } from '../server/endpoint-answer.ts';

/** The one answer to every accepted signup, new address or known: nobody can probe the list. */
export const ACCEPTED_BODY = { status: 'accepted', message: 'Thanks! Check your inbox in a minute.' } as const;

export interface SignupRequestContext {
  runtime: Runtime;
  /** The socket's remote address. */
  socketAddress: string;
  now?: number;
}

function seeOther(location: string, cookies?: readonly string[]): EndpointAnswer {
  return { status: 303, headers: { location, 'cache-control': 'no-store' }, cookies };
}

/**
 * A refusal before the form was read: JSON for scripts, and for a browser's plain form post a page
 * in the site's look with the same status and headers, so no reader is left looking at JSON.
 */
function refuse(status: number, html: boolean, error: string, title: string, headers: Record<string, string> = {}): EndpointAnswer {
  if (!html) return json(status, { error }, headers);
  return htmlEndpointAnswer(status, renderRefusalPage(siteShell(), { title, message: error }), headers);
}

/** Whether a request is a browser's plain form post, which should be answered with a page rather than JSON. */
function wantsPage(headers: HeaderReader): boolean {
  const type = acceptedMediaType(headers.get('content-type') ?? '');
  return type !== undefined && type !== 'application/json' && !(headers.get('accept') ?? '').includes('application/json');
}

/** The answer when the store cannot take a signup (database down): nothing was acknowledged, so the client may retry. */
export function unavailable(headers: HeaderReader = new Headers()): EndpointAnswer {
  countSignup('unavailable');
  return refuse(503, wantsPage(headers), 'The signup could not be saved right now; please try again.', 'We could not save your signup', {
    'retry-after': '5',
  });
}

function refused(status: number, body: unknown): EndpointAnswer {
  countSignup('invalid');
  return json(status, body);
}

/** Where a 422 is headed, so an HTML answer can show the form again. */
interface InvalidContext {
  html: boolean;
  form?: SignupForm;
  posted?: Record<string, unknown>;
  /** False when the form does not ask for the address again (profiling answers with a live lead cookie). */
  askEmail?: boolean;
}

function invalid(errors: Record<string, string>, { html, form, posted = {}, askEmail }: InvalidContext): EndpointAnswer {
  countSignup('invalid');
  if (!html) return json(422, { errors });
  return htmlEndpointAnswer(422, renderFormErrorPage(siteShell(), { form, posted, errors, askEmail, backTo: sameSitePath(posted.page) ?? '/' }));
}

/** Stands in for a lead id in the download cookie of a signup that stored none (a bot answered like a success). */
const NO_LEAD = 0;

/**
 * `POST /api/leads`, translated from HTTP to domain calls: guard (origin, type, size, rate) →
 * parse (zod) → honeypot, stamp → captureLead() → wake the outbox sender → 202 or 303.
 */
export async function handleSignup(request: SignupRequest, context: SignupRequestContext): Promise<EndpointAnswer> {
  const { runtime } = context;
  const { env } = runtime;
  const now = context.now ?? Date.now();

  // A request refused before its fields are read (origin, type, size) counts as invalid.
  if (!isSameOrigin(request.headers, siteOrigins(env.siteUrl, request.url)))
    return refused(403, { error: 'Signups are only accepted from this site’s own pages.' });

  const contentType = request.headers.get('content-type') ?? '';
  const type = acceptedMediaType(contentType);
  if (!type) return refused(415, { error: 'Send the form as application/x-www-form-urlencoded, multipart/form-data or application/json.' });
  const html = wantsPage(request.headers);

  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readBody(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      countSignup('invalid');
      return refuse(
        413,
        html,
        `The form is larger than ${MAX_BODY_BYTES / 1024} KB, more than any form of this site sends.`,
        'The form is too large',
      );
    }
    throw error;
  }

  if (env.rateLimit) {
    const address = clientAddress(context.socketAddress, request.headers, env.trustProxy);
    const verdict = await hitRateLimit(runtime.store, clientKey(address), env.rateLimit, now);
    if (!verdict.allowed) {
      countSignup('rate_limited');
      return refuse(429, html, `Too many signups from your address; try again in ${verdict.retryAfterSeconds} seconds.`, 'Too many signups at once', {
        'retry-after': String(verdict.retryAfterSeconds),
      });
    }
  }

  const decoded = await decodeBody(type, contentType, body);
  if (!decoded.ok) return invalid(decoded.errors, { html });
  const { fields } = decoded;
  if (fields[PROFILE_FIELD] !== undefined) return answerProfile(request, fields, { runtime, html, now });

  const lookup = findSignupForm({ magnet: str(fields.magnet), landing: str(fields.landing) }, runtime.forms);
  // Every problem at once, so the reader fixes the form in one go.
  const parsed = parseSignup(fields);
  if (!lookup.ok) return invalid({ ...(parsed.ok ? {} : parsed.errors), ...lookup.errors }, { html, posted: fields });
  const { form } = lookup;
  const declared = parseDeclaredFields(form.fields, fields);
  const errors = {
    ...(parsed.ok ? {} : parsed.errors),
    ...(declared.ok ? {} : declared.errors),
    ...(parsed.ok ? checkLandingFields(runtime.landings, parsed.input) : {}),
  };
  // Consent is read on its own: a mistake in another field must not hide that the box was ticked.
  const consent = signupSchema.in.shape.consent.safeParse(fields.consent);
  if (form.requiresConsent && consent.success && !consent.data) errors.consent = 'Please tick the box to agree to receive our emails.';
  if (!parsed.ok || !declared.ok || Object.keys(errors).length) return invalid(errors, { html, form, posted: fields });

  // Every accepted signup gets the same cookies, new address or known, person or bot: the answer
  // tells nothing. The download route decides what it opens (double opt-in waits); the lead cookie,
  // set only with consent, lets the thank-you page's questions and later page views join the lead.
  const secure = env.siteUrl.protocol === 'https:';
  const previous = leadOfRequest(env.secret, request.headers, now);
  const accepted = (leadId: number) => {
    const cookies: string[] = [];
    if (form.magnet) cookies.push(downloadCookie(env.secret, leadId, form.magnet, now, secure));
    if (consent.success && consent.data) cookies.push(leadCookie(env.secret, leadId, previous, now, secure));
    return html ? seeOther(form.thanksPath, cookies) : json(202, ACCEPTED_BODY, {}, cookies);
  };
  const bot = () => {
    countSignup('bot');
    return accepted(NO_LEAD);
  };

  // Bots: a filled honeypot or a forged stamp is answered like a success and leaves no trace. A
  // missing or expired stamp is a reader without JavaScript or with an old tab, so it goes on. A
  // too-fast one may be a person whose browser filled the form: kept, flagged, and held for a confirmation.
  const honeypot = fields[HONEYPOT_FIELD];
  if ((typeof honeypot === 'string' && honeypot !== '') || (honeypot !== undefined && typeof honeypot !== 'string')) return bot();
  const stamp = checkFormStamp(env.secret, fields[STAMP_FIELD], now);
  if (stamp === 'forged') return bot();

  const result = await captureLead(runtime.store, parsed.input, {
    form,
    fields: declared.values,
    sequences: runtime.sequences,
    userAgent: request.headers.get('user-agent') ?? undefined,
    now,
    ...(stamp === 'too-fast' ? { screening: 'too-fast' as const } : {}),
  });
  // Every signup leaves its lead due for scoring, and most an email to send: both happen now.
  runtime.sender.wake();
  countSignup('accepted');
  return accepted(result.leadId);
}

/** The one answer to every accepted set of profiling answers, stored or not. */
export const ANSWERS_BODY = { status: 'accepted', message: 'Thanks, that helps us send you what fits.' } as const;

/**
 * Profiling answers from a magnet's thank-you page (`profile=<magnet>`): the answers to the scoring
 * rules' questions, added as a touch of the lead the lead cookie names, or, without a live cookie,
 * of the lead with the address typed again. An address we do not know stores nothing (no consent
 * was given here) and gets the same answer, so the form cannot probe the list.
 */
async function answerProfile(
  request: SignupRequest,
  fields: Record<string, unknown>,
  { runtime, html, now }: { runtime: Runtime; html: boolean; now: number },
): Promise<EndpointAnswer> {
  const { env } = runtime;
  const magnet = runtime.magnets.get(str(fields[PROFILE_FIELD]) ?? '');
  const form = magnet ? runtime.forms.get(`magnet:${magnet.slug}`) : undefined;
  const cookie = leadOfRequest(env.secret, request.headers, now);
  const questions = questionFields(runtime.rules.questions);
  const profileForm = form && { ...form, kind: PROFILE_FORM, requiresConsent: false, fields: questions };
  const invalidAnswers = (errors: Record<string, string>) =>
    invalid(errors, { html, form: profileForm, posted: fields, askEmail: cookie === undefined });
  if (!magnet || !form) return invalidAnswers({ [PROFILE_FIELD]: 'is not an offer on this site' });

  const parsed = parseDeclaredFields(questions, fields);
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  if (parsed.ok && !Object.keys(parsed.values).length) errors[PROFILE_FIELD] = 'Choose an answer to at least one question.';
  let leadId = cookie?.leadId;
  if (!cookie) {
    const email = signupSchema.in.shape.email.safeParse(fields.email);
    if (email.success) leadId = (await runtime.store.db.selectFrom('leads').select('id').where('email', '=', email.data).executeTakeFirst())?.id;
    else errors.email = email.error.issues[0]?.message ?? 'Enter your email address.';
  }
  if (!parsed.ok || Object.keys(errors).length) return invalidAnswers(errors);

  if (leadId) {
    const page = signupSchema.in.shape.page.safeParse(fields.page);
    const stored = await recordProfile(runtime.store, {
      leadId,
      magnet: magnet.slug,
      page: page.success ? page.data : undefined,
      answers: parsed.values,
      userAgent: request.headers.get('user-agent') ?? undefined,
      now,
    });
    // The lead is due for scoring: score it now, and hand it off if it tipped into sales-ready.
    if (stored) runtime.sender.wake();
  }
  return html ? seeOther(`${form.thanksPath}?${ANSWERED_PARAM}`) : json(202, ANSWERS_BODY);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
