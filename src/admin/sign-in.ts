import { z } from 'zod';
import { BodyTooLargeError, isSameOrigin, readBody, siteOrigins } from '../leads/request-guards.ts';
import { checkAdminPassword, tooManyAttemptsMessage } from '../server/admin-auth.ts';
import type { Runtime } from '../server/runtime.ts';
import { ADMIN_HEADERS, safeNext, secureCookies } from './admin-page.ts';
import { sessionCookie, startAdminSession } from './admin-sessions.ts';

/** The sign-in form's fields; `next` is the admin page to return to. */
const signInForm = z.object({
  /** Always `admin`; asked so password managers file the password under a user. */
  user: z.string().max(200).default(''),
  password: z.string().max(1000).default(''),
  next: z.string().max(2000).optional(),
});

/** What the sign-in page shows after a POST that did not sign in. */
export interface SignInRefusal {
  status: 400 | 401 | 403 | 413 | 429;
  message: string;
  retryAfterSeconds?: number;
}

/**
 * Handles the sign-in form's POST: from a page of this site only, rate limited per address, the
 * password compared in constant time. Signed in, the answer is a 303 to `next` with a fresh session
 * cookie (a new token at every sign-in, so a token planted before sign-in is worth nothing);
 * otherwise what the page should say.
 */
export async function signIn(runtime: Runtime, request: Request, socketAddress: string): Promise<Response | SignInRefusal> {
  if (!isSameOrigin(request.headers, siteOrigins(runtime.env.siteUrl, request.url))) {
    return { status: 403, message: 'This sign-in came from another site and was refused. Sign in from this page.' };
  }
  let fields: z.infer<typeof signInForm>;
  try {
    const body = await readBody(request, 8 * 1024);
    fields = signInForm.parse(Object.fromEntries(new URLSearchParams(new TextDecoder().decode(body))));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { status: 413, message: 'That sign-in was too large.' };
    return { status: 400, message: 'That sign-in could not be read; try again.' };
  }
  const verdict = await checkAdminPassword(runtime, `${fields.user}:${fields.password}`, request.headers, socketAddress);
  if (!verdict.ok) {
    if (verdict.retryAfterSeconds !== undefined) {
      return { status: 429, message: tooManyAttemptsMessage(verdict.retryAfterSeconds), retryAfterSeconds: verdict.retryAfterSeconds };
    }
    return { status: 401, message: 'Wrong user name or password.' };
  }
  const token = await startAdminSession(runtime.store, Date.now());
  return new Response(null, {
    status: 303,
    headers: { Location: safeNext(fields.next), 'Set-Cookie': sessionCookie(token, secureCookies(runtime, request)), ...ADMIN_HEADERS },
  });
}
