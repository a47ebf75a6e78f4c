import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake received at `/v1/chat/completions`. */
export interface CompletionRequest {
  authorization: string;
  body: { model: string; messages: { role: string; content: string }[] };
}

/**
 * A local stand-in for an OpenAI-compatible `POST /v1/chat/completions`: it answers with `reply`
 * (given the user message) and records what it was sent. `fail` makes it answer 500.
 */
export class LanguageModelFake {
  readonly requests: CompletionRequest[] = [];
  url = '';
  fail = false;
  #server: Server | undefined;

  readonly reply: (userMessage: string) => string;

  constructor(reply: (userMessage: string) => string) {
    this.reply = reply;
  }

  async start(): Promise<this> {
    this.#server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
        response.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CompletionRequest['body'];
      this.requests.push({ authorization: request.headers.authorization ?? '', body });
      if (this.fail) {
        response.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":{"message":"down"}}');
        return;
      }
      const user = body.messages.find((message) => message.role === 'user')?.content ?? '';
      const answer = {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: this.reply(user) } }],
      };
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}
