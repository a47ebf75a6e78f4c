import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { closeServer, listenLocally } from './local-http.ts';

/** A CRM webhook secret for tests: `whsec_` and 33 bytes in base64. */
export const CRM_SECRET = `whsec_${Buffer.from('lodestone-crm-webhook-test-key-32').toString('base64')}`;

/** One POST as the receiver saw it. */
export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  contentType: string | undefined;
  /** The raw body, as signed. */
  body: string;
  /** What the standardwebhooks library returned for it; undefined when it refused the delivery. */
  payload: unknown;
  /** Why the library refused it; undefined when it verified. */
  refused: string | undefined;
  /** The status it was answered with. */
  status: number;
}

/** How to answer one request: a status, optionally a `Retry-After`, or no answer for a while. */
export interface ScriptedAnswer {
  status: number;
  retryAfter?: string;
  /** Waits this long before answering (longer than the sender's timeout: no answer in time). */
  delayMs?: number;
}

/**
 * A local CRM endpoint that checks every delivery as a receiver would, with the `standardwebhooks`
 * library and the shared secret, and answers 200 unless told otherwise.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  url = '';
  readonly #verifier: Webhook;
  #script: ScriptedAnswer[] = [];
  #server: Server | undefined;

  constructor(secret = CRM_SECRET) {
    this.#verifier = new Webhook(secret);
  }

  /** The next requests get these answers, in order; the ones after them 200. */
  answerNext(...answers: ScriptedAnswer[]): void {
    this.#script.push(...answers);
  }

  reset(): void {
    this.received.length = 0;
    this.#script = [];
  }

  /** The payloads of the deliveries that verified, in arrival order. */
  get verified(): unknown[] {
    return this.received.filter((delivery) => delivery.refused === undefined).map((delivery) => delivery.payload);
  }

  async start(): Promise<this> {
    this.#server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => (request.headers[name] as string | undefined) ?? '';
      let payload: unknown;
      let refused: string | undefined;
      try {
        payload = this.#verifier.verify(body, {
          'webhook-id': header('webhook-id'),
          'webhook-timestamp': header('webhook-timestamp'),
          'webhook-signature': header('webhook-signature'),
        });
      } catch (error) {
        refused = (error as Error).message;
      }
      const answer = this.#script.shift() ?? { status: 200 };
      this.received.push({
        id: header('webhook-id'),
        timestamp: header('webhook-timestamp'),
        contentType: request.headers['content-type'],
        body,
        payload,
        refused,
        status: answer.status,
      });
      if (answer.delayMs) await new Promise((done) => setTimeout(done, answer.delayMs));
      if (response.destroyed) return;
      response.writeHead(answer.status, { 'Content-Type': 'text/plain', ...(answer.retryAfter ? { 'Retry-After': answer.retryAfter } : {}) });
      response.end(answer.status < 300 ? 'ok' : `scripted ${answer.status}`);
    });
    this.url = `${await listenLocally(this.#server)}/hooks/lodestone`;
    return this;
  }

  stop(): Promise<void> {
    return closeServer(this.#server);
  }
}
