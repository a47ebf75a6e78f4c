import type { Runtime } from '../server/runtime.ts';
import { captureOne } from '../leads/capture-lead.ts';
import { checkFormStamp } from '../leads/form-stamp.ts';
import { leadCookie, leadOfRequest } from '../leads/lead-cookie.ts';
import { downloadCookie } from '../leads/link-token.ts';
import { clientKey, hitRateLimit } from '../leads/rate-limiter.ts';
import { BodyTooLargeError, clientAddress, decodeBody, isSameOrigin, readBody, siteOrigins, type SignupRequest } from '../leads/request-guards.ts';
import type { SignupForm } from '../leads/signup-forms.ts';
import { HONEYPOT_FIELD, parseSignup, signupSchema, STAMP_FIELD } from '../leads/signup-input.ts';
import { chatRequestSchema, type ChatTranscript } from './chat-input.ts';
import { quotedReply, type ChatReply } from './chat-reply.ts';
import type { ChatRuntime } from './chat-runtime.ts';
import type { ChatScript } from './chat-script.ts';
import { phraseAnswer } from './language-model.ts';
import { handoffFor, nextStep, parseAnswers, type ChatStep } from './run-script.ts';
import { search } from './search-index.ts';
import { jsonEndpointAnswer as json, type EndpointAnswer } from '../server/endpoint-answer.ts';

/** Largest body the chat endpoint reads: a conversation of 40 lines fits with room to spare. */
export const CHAT_MAX_BODY_BYTES = 64 * 1024;
/** Recorded on the touch a chat signup makes. */
export const CHAT_FORM = 'chat';

export interface ChatRequestContext {
  runtime: Runtime;
  chat: ChatRuntime;
  socketAddress: string;
  now?: number;
}

const invalid = (errors: Record<string, string>) => json(422, { errors });

/** The next step as the widget shows it: a question with its quick replies, or the address with the consent text. */
function stepBody(script: ChatScript, step: ChatStep) {
  if (step.kind === 'question') {
    const { field, ask, options } = step.question;
    return { kind: 'question', field, ask, number: step.number, ...(options ? { options } : {}) };
  }
  return { kind: 'contact', ask: step.ask, consent: script.consent.text };
}

/** The signup form a chat captures through: its magnet's, with the chat's own consent wording. */
function chatForm(runtime: Runtime, script: ChatScript): SignupForm | undefined {
  const magnetForm = runtime.forms.get(`magnet:${script.magnet}`);
  if (!magnetForm) return undefined;
  return {
    ...magnetForm,
    kind: CHAT_FORM,
    requiresConsent: true,
    consentText: script.consent.text,
    consentVersion: script.consent.version,
    fields: [],
  };
}

/**
 * `POST /api/chat`: the same guards as `POST /api/leads` (origin, size, rate, honeypot, stamp).
 * Without an address it answers a free question from the site's content (`ask`) and says what to
 * ask next; nothing is stored. With an address and consent, once the questions are answered, the
 * answers become a touch of the lead through the capture path of every form, the conversation is
 * stored beside it, and the reply is the script's hand-off for the status the answers score.
 */
export async function handleChat(request: SignupRequest, context: ChatRequestContext): Promise<EndpointAnswer> {
  const { runtime, chat } = context;
  const { env } = runtime;
  const now = context.now ?? Date.now();

  if (!isSameOrigin(request.headers, siteOrigins(env.siteUrl, request.url)))
    return json(403, { error: 'The chat only answers this site’s own pages.' });
  const contentType = request.headers.get('content-type') ?? '';
  if (contentType.split(';', 1)[0]!.trim().toLowerCase() !== 'application/json') return json(415, { error: 'Send the chat as application/json.' });
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readBody(request, CHAT_MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return json(413, { error: `The chat request is larger than ${CHAT_MAX_BODY_BYTES / 1024} KB.` });
    throw error;
  }
  const decoded = await decodeBody('application/json', contentType, body);
  if (!decoded.ok) return invalid(decoded.errors);
  const { fields } = decoded;

  const parsed = chatRequestSchema.safeParse(fields);
  if (!parsed.success) return invalid(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? 'body'), issue.message])));
  const script = chat.scripts.get(parsed.data.script);
  if (!script) return invalid({ script: 'is not a chat on this site' });
  const answers = parseAnswers(script, fields.answers);
  if (!answers.ok) return invalid(answers.errors);
  const step = nextStep(script, answers.answers);

  const address = clientAddress(context.socketAddress, request.headers, env.trustProxy);
  const tooMany = (retryAfterSeconds: number, what: string) =>
    json(
      429,
      { error: `Too many ${what} from your address; try again in ${retryAfterSeconds} seconds.` },
      { 'retry-after': String(retryAfterSeconds) },
    );

  if (fields.email === undefined) {
    // Each step may search, and call a paid model: steps count against the page-view beacon's
    // limit (BEACON_RATE_LIMIT), which every page view of a person spends too.
    if (env.beaconRateLimit) {
      const verdict = await hitRateLimit(runtime.store, clientKey(address, 'beacon'), env.beaconRateLimit, now);
      if (!verdict.allowed) return tooMany(verdict.retryAfterSeconds, 'chat messages');
    }
    const reply = parsed.data.ask === undefined ? undefined : await answer(chat, parsed.data.ask);
    const greeting = parsed.data.transcript.length ? {} : { title: script.title, greeting: script.greeting };
    return json(200, { ...greeting, ...(reply ? { reply } : {}), step: stepBody(script, step) });
  }

  // A signup: counted against the same limit as the forms', before anything else is looked at.
  if (env.rateLimit) {
    const verdict = await hitRateLimit(runtime.store, clientKey(address), env.rateLimit, now);
    if (!verdict.allowed) return tooMany(verdict.retryAfterSeconds, 'signups');
  }
  const form = chatForm(runtime, script);
  const signup = parseSignup({ email: fields.email, name: fields.name, page: fields.page, consent: fields.consent, magnet: script.magnet });
  const errors: Record<string, string> = signup.ok ? {} : { ...signup.errors };
  delete errors.magnet;
  if (step.kind !== 'contact') errors.answers = 'Answer the questions first.';
  const consent = signupSchema.in.shape.consent.safeParse(fields.consent);
  if (consent.success && !consent.data) errors.consent = 'Please tick the box to agree to receive our emails.';
  if (!form) errors.script = 'offers a magnet this site does not have';
  if (!signup.ok || !form || Object.keys(errors).length) return invalid(errors);

  const handoff = handoffFor(script, runtime.rules, answers.answers, signup.input.email);
  const secure = env.siteUrl.protocol === 'https:';
  const previous = leadOfRequest(env.secret, request.headers, now);
  const accepted = (leadId: number) => {
    const cookies = [downloadCookie(env.secret, leadId, script.magnet, now, secure), leadCookie(env.secret, leadId, previous, now, secure)];
    return json(202, { status: 'accepted', say: handoff.say, ...(handoff.link ? { link: handoff.link } : {}) }, {}, cookies);
  };
  // Bots are answered like a success and leave no trace, as on the forms.
  const honeypot = fields[HONEYPOT_FIELD];
  if ((typeof honeypot === 'string' && honeypot !== '') || (honeypot !== undefined && typeof honeypot !== 'string')) return accepted(0);
  const stamp = checkFormStamp(env.secret, fields[STAMP_FIELD], now);
  if (stamp === 'forged') return accepted(0);

  const transcript: ChatTranscript = [...parsed.data.transcript, { from: 'chat', text: handoff.say }];
  const result = await runtime.store.write(async (trx) => {
    const captured = await captureOne(trx, runtime.store.engine, signup.input, {
      form,
      fields: answers.answers,
      sequences: runtime.sequences,
      userAgent: request.headers.get('user-agent') ?? undefined,
      now,
      ...(stamp === 'too-fast' ? { screening: 'too-fast' as const } : {}),
    });
    await trx
      .insertInto('chats')
      .values({ lead_id: captured.leadId, script: script.slug, transcript: JSON.stringify(transcript), outcome: handoff.status, created_at: now })
      .execute();
    return captured;
  });
  // The lead is due for scoring and has an email to send: both happen now, as for a form.
  runtime.sender.wake();
  return accepted(result.leadId);
}

/** The reply to a free question: the model's phrasing of the best passages when one is set, else the passages quoted. */
async function answer(chat: ChatRuntime, question: string): Promise<ChatReply> {
  const hits = search(chat.index, question);
  const reply = quotedReply(hits);
  if (!chat.model || !hits.length) return reply;
  const phrased = await phraseAnswer(chat.model, question, hits);
  return phrased ? { ...reply, text: phrased } : reply;
}
