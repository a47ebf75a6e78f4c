import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { closeServer, listenLocally } from './local-http.ts';

/** One email as the fake Resend API accepted it. */
export interface FakeDelivery {
  id: string;
  idempotencyKey: string | undefined;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

export interface ScriptedFailure {
  status: number;
  retryAfter?: string;
  name?: string;
  message?: string;
}

/** One request as the fake saw it, refused, answered, replayed or left without an answer. */
export interface LoggedRequest {
  path: string;
  idempotencyKey: string | undefined;
  /** The status it was answered with; null when the answer was dropped or is still held. */
  status: number | null;
  /** Answered from an earlier request with the same key and body: nothing was delivered. */
  replayed: boolean;
}

/** A request the fake took and is holding without an answer (see `holdNext`). */
export interface HeldRequest {
  /** Resolves once the request has arrived (and, if asked, was delivered). */
  arrived: Promise<void>;
  /** Ends the held request by closing its connection: the client never gets an answer. */
  release(): void;
}

type Disposition = 'answer' | 'drop' | 'hold';

/**
 * A local HTTP fake of the Resend API, enough for the SDK: `POST /emails` (and `/emails/batch`),
 * bearer auth, validation errors, and idempotency keys as Resend keeps them for 24 hours: the same
 * key with the same body returns the first answer again without delivering; the same key with
 * another body is refused (409 `invalid_idempotent_request`); the same key while its first request
 * is still running is refused (409 `concurrent_idempotent_requests`). It can also lose answers:
 * deliver, then close the connection without a word, as a network cut after the send does.
 */
export class ResendFake {
  readonly deliveries: FakeDelivery[] = [];
  /** Every request received, including refused and repeated ones. */
  requests = 0;
  /** How many emails each accepted `/emails/batch` call carried. */
  readonly batchSizes: number[] = [];
  /** Every request in arrival order. */
  readonly log: LoggedRequest[] = [];
  /** How long each answer is held back after the email is delivered, as a slow provider would. */
  delayMs = 0;
  #failures: ScriptedFailure[] = [];
  #byKey = new Map<string, { body: string; answer: unknown }>();
  #inFlight = new Set<string>();
  #dispositions: { kind: Disposition; deliver: boolean; arrived?: () => void; released?: Promise<void> }[] = [];
  #server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.#server = createServer((request, response) => {
      const disposition = this.#dispositions.shift() ?? { kind: 'answer' as const, deliver: true };
      const entry: LoggedRequest = {
        path: request.url ?? '',
        idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        status: null,
        replayed: false,
      };
      this.log.push(entry);
      void this.#handle(request, entry, disposition.deliver).then(async ({ status, body, headers = {} }) => {
        if (disposition.kind === 'drop') return request.socket.destroy();
        if (disposition.kind === 'hold') {
          // Until released, the request counts as still running, as at Resend.
          if (entry.idempotencyKey) this.#inFlight.add(entry.idempotencyKey);
          disposition.arrived?.();
          await disposition.released;
          if (entry.idempotencyKey) this.#inFlight.delete(entry.idempotencyKey);
          return request.socket.destroy();
        }
        if (this.delayMs) await new Promise((done) => setTimeout(done, this.delayMs));
        entry.status = status;
        response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
      });
    });
    this.url = await listenLocally(this.#server);
    return this;
  }

  stop(): Promise<void> {
    return closeServer(this.#server);
  }

  /** The next `count` requests fail with this answer. */
  failNext(count: number, failure: ScriptedFailure): void {
    for (let i = 0; i < count; i++) this.#failures.push(failure);
  }

  /** The next `count` requests are taken and delivered, but their answers are lost: the connection closes without one. */
  loseNextAnswers(count: number): void {
    for (let i = 0; i < count; i++) this.#dispositions.push({ kind: 'drop', deliver: true });
  }

  /**
   * The next request is held open without an answer until released (or until its client dies).
   * `deliver: true` delivers it first, as a provider that sent the email before the line went quiet.
   */
  holdNext({ deliver }: { deliver: boolean }): HeldRequest {
    let arrived!: () => void;
    let release!: () => void;
    const arrival = new Promise<void>((done) => (arrived = done));
    const released = new Promise<void>((done) => (release = done));
    this.#dispositions.push({ kind: 'hold', deliver, arrived, released });
    return { arrived: arrival, release };
  }

  /** Deliveries to one address. */
  to(address: string): FakeDelivery[] {
    return this.deliveries.filter((delivery) => delivery.to.includes(address));
  }

  reset(): void {
    this.deliveries.length = 0;
    this.batchSizes.length = 0;
    this.requests = 0;
    this.log.length = 0;
    this.#failures = [];
    this.#dispositions = [];
    this.delayMs = 0;
    this.#byKey.clear();
    this.#inFlight.clear();
  }

  async #handle(
    request: IncomingMessage,
    entry: LoggedRequest,
    deliver: boolean,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    this.requests += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (!/^Bearer re_\S+$/.test(request.headers.authorization ?? '')) {
      return { status: 401, body: { statusCode: 401, name: 'missing_api_key', message: 'Missing API key in the authorization header.' } };
    }
    const failure = this.#failures.shift();
    if (failure) {
      return {
        status: failure.status,
        body: { statusCode: failure.status, name: failure.name ?? 'internal_server_error', message: failure.message ?? 'scripted failure' },
        headers: failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {},
      };
    }
    const key = entry.idempotencyKey;
    const seen = key ? this.#byKey.get(key) : undefined;
    if (key && this.#inFlight.has(key)) {
      return {
        status: 409,
        body: {
          statusCode: 409,
          name: 'concurrent_idempotent_requests',
          message: 'Same idempotency key used while the original request is still in progress.',
        },
      };
    }
    if (seen && seen.body !== raw) {
      return {
        status: 409,
        body: { statusCode: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' },
      };
    }
    if (seen) {
      entry.replayed = true;
      return { status: 200, body: seen.answer };
    }
    if (!deliver) return { status: 200, body: {} };

    const payload = JSON.parse(raw) as unknown;
    const emails = request.url === '/emails/batch' ? (payload as Record<string, unknown>[]) : [payload as Record<string, unknown>];
    if (request.url === '/emails/batch' && emails.length > 100) {
      return { status: 422, body: { statusCode: 422, name: 'validation_error', message: 'A batch takes at most 100 emails.' } };
    }
    for (const email of emails) {
      const to = Array.isArray(email.to) ? email.to : [email.to];
      if (!email.from || !to[0] || !email.subject) {
        return { status: 422, body: { statusCode: 422, name: 'validation_error', message: 'from, to and subject are required' } };
      }
      if (to.some((address) => typeof address !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(address))) {
        return { status: 422, body: { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' } };
      }
    }
    const ids = emails.map((email) => {
      const id = randomUUID();
      this.deliveries.push({
        id,
        idempotencyKey: key,
        from: String(email.from),
        to: (Array.isArray(email.to) ? email.to : [email.to]) as string[],
        subject: String(email.subject),
        html: String(email.html ?? ''),
        text: String(email.text ?? ''),
        headers: (email.headers ?? {}) as Record<string, string>,
      });
      return { id };
    });
    if (request.url === '/emails/batch') this.batchSizes.push(ids.length);
    const body = request.url === '/emails/batch' ? { data: ids } : ids[0];
    if (key) this.#byKey.set(key, { body: raw, answer: body });
    return { status: 200, body };
  }
}
