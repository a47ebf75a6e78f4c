import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';

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

/**
 * A local HTTP fake of the Resend API, enough for the SDK: `POST /emails` (and `/emails/batch`),
 * bearer auth, validation errors, and idempotency keys that return the first answer again instead
 * of delivering twice — as Resend does for 24 hours.
 */
export class ResendFake {
  readonly deliveries: FakeDelivery[] = [];
  /** Every request received, including refused and repeated ones. */
  requests = 0;
  /** How many emails each accepted `/emails/batch` call carried. */
  readonly batchSizes: number[] = [];
  #failures: ScriptedFailure[] = [];
  #byKey = new Map<string, unknown>();
  #server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.#server = createServer((request, response) => {
      void this.#handle(request).then(({ status, body, headers = {} }) => {
        response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
      });
    });
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    const { port } = this.#server.address() as { port: number };
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((done) => this.#server?.close(done));
  }

  /** The next `count` requests fail with this answer. */
  failNext(count: number, failure: ScriptedFailure): void {
    for (let i = 0; i < count; i++) this.#failures.push(failure);
  }

  /** Deliveries to one address. */
  to(address: string): FakeDelivery[] {
    return this.deliveries.filter((delivery) => delivery.to.includes(address));
  }

  reset(): void {
    this.deliveries.length = 0;
    this.batchSizes.length = 0;
    this.requests = 0;
    this.#failures = [];
    this.#byKey.clear();
  }

  async #handle(request: IncomingMessage): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    this.requests += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
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
    const key = request.headers['idempotency-key'] as string | undefined;
    if (key && this.#byKey.has(key)) return { status: 200, body: this.#byKey.get(key) };

    const payload = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
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
    if (key) this.#byKey.set(key, body);
    return { status: 200, body };
  }
}
