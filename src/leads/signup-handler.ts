import { escapeHtml } from '../seo/escape-html.ts';
import type { Runtime } from '../server/runtime.ts';
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
import { findSignupForm } from './signup-forms.ts';
import { HONEYPOT_FIELD, parseSignup, STAMP_FIELD } from './signup-input.ts';

/** The one answer to every accepted signup, new address or known: nobody can probe the list. */
export const ACCEPTED_BODY = { status: 'accepted', message: 'Thanks! Check your inbox in a minute.' } as const;

export interface SignupRequestContext {
  runtime: Runtime;
  /** The socket's remote address. */
  socketAddress: string;
  now?: number;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

/** The answer when the store cannot take a signup (database down): nothing was acknowledged, so the client may retry. */
export function unavailable(): Response {
  return json(503, { error: 'The signup could not be saved right now; please try again.' }, { 'Retry-After': '5' });
}

function invalid(errors: Record<string, string>, html: boolean, backTo: string | undefined): Response {
  if (!html) return json(422, { errors });
  const items = Object.entries(errors)
    .map(([field, message]) => `<li><strong>${escapeHtml(field)}</strong>: ${escapeHtml(message)}</li>`)
    .join('');
  const back = backTo && /^\/(?!\/)/.test(backTo) ? backTo : '/';
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Please check the form</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6"><h1>Please check the form</h1><ul>${items}</ul><p><a href="${escapeHtml(back)}">Go back and try again</a></p></body></html>`;
  return new Response(page, { status: 422, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/**
 * `POST /api/leads`, translated from HTTP to domain calls: guard (origin, type, size, rate,
 * honeypot, stamp) → parse (zod) → captureLead() → wake the outbox sender → 202 or 303.
 */
export async function handleSignup(request: SignupRequest, context: SignupRequestContext): Promise<Response> {
  const { runtime } = context;
  const { env } = runtime;
  const now = context.now ?? Date.now();

  if (!isSameOrigin(request.headers, siteOrigins(env.siteUrl, request.url)))
    return json(403, { error: 'Signups are only accepted from this site’s own pages.' });

  const contentType = request.headers.get('content-type') ?? '';
  const type = acceptedMediaType(contentType);
  if (!type) return json(415, { error: 'Send the form as application/x-www-form-urlencoded, multipart/form-data or application/json.' });
  const html = type !== 'application/json' && !(request.headers.get('accept') ?? '').includes('application/json');

  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readBody(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return json(413, { error: `The form is larger than ${MAX_BODY_BYTES / 1024} KB.` });
    throw error;
  }

  if (env.rateLimit) {
    const address = clientAddress(context.socketAddress, request.headers, env.trustProxy);
    const verdict = await hitRateLimit(runtime.store, clientKey(address), env.rateLimit, now);
    if (!verdict.allowed) {
      return json(
        429,
        { error: `Too many signups from your address; try again in ${verdict.retryAfterSeconds} seconds.` },
        { 'Retry-After': String(verdict.retryAfterSeconds) },
      );
    }
  }

  const decoded = await decodeBody(type, contentType, body);
  if (!decoded.ok) return invalid(decoded.errors, html, undefined);
  const { fields } = decoded;
  const page = typeof fields.page === 'string' ? fields.page : undefined;

  const lookup = findSignupForm({ magnet: str(fields.magnet), landing: str(fields.landing) }, runtime.forms);
  const accepted = (cookie?: string) => {
    const extra: Record<string, string> = cookie ? { 'Set-Cookie': cookie } : {};
    return html
      ? new Response(null, {
          status: 303,
          headers: { Location: lookup.ok ? lookup.form.thanksPath : '/thanks/', 'Cache-Control': 'no-store', ...extra },
        })
      : json(202, ACCEPTED_BODY, extra);
  };

  // Bots: a filled honeypot, or a forged or too-fast stamp, is answered like a success and leaves no trace.
  // A missing stamp is a reader without JavaScript (the form script fetches the stamp), so it goes on.
  const honeypot = fields[HONEYPOT_FIELD];
  if ((typeof honeypot === 'string' && honeypot !== '') || (honeypot !== undefined && typeof honeypot !== 'string')) return accepted();
  const stamp = checkFormStamp(env.secret, fields[STAMP_FIELD], now);
  if (stamp === 'forged' || stamp === 'too-fast') return accepted();

  // Every problem at once, so the reader fixes the form in one go.
  const parsed = parseSignup(fields);
  if (!lookup.ok) return invalid({ ...(parsed.ok ? {} : parsed.errors), ...lookup.errors }, html, page);
  const { form } = lookup;
  const declared = parseDeclaredFields(form.fields, fields);
  const errors = {
    ...(parsed.ok ? {} : parsed.errors),
    ...(declared.ok ? {} : declared.errors),
    ...(parsed.ok ? checkLandingFields(runtime.landings, parsed.input) : {}),
  };
  if (form.requiresConsent && !(parsed.ok && parsed.input.consent) && !errors.consent) {
    errors.consent = 'Please tick the box to agree to receive our emails.';
  }
  if (!parsed.ok || !declared.ok || Object.keys(errors).length) return invalid(errors, html, page);

  const result = await captureLead(runtime.store, parsed.input, {
    form,
    fields: declared.values,
    sequences: runtime.sequences,
    userAgent: request.headers.get('user-agent') ?? undefined,
    now,
  });
  if (result.outboxId !== undefined) runtime.sender.wake();
  // Single opt-in: the thank-you page offers the file at once, through a short-lived cookie only this browser holds.
  const cookie =
    form.magnet && !result.awaitingConfirmation
      ? downloadCookie(env.secret, result.leadId, form.magnet, now, env.siteUrl.protocol === 'https:')
      : undefined;
  return accepted(cookie);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
