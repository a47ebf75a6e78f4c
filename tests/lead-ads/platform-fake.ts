import { createServer, type Server } from 'node:http';
import { closeServer, listenLocally } from '../support/local-http.ts';

/** One request the fake took. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  status: number;
}

export type FakeRoute = 'graph' | 'meta-events' | 'tiktok-events';

function routeOf(method: string, path: string): FakeRoute | undefined {
  if (method === 'POST' && path === '/open_api/v1.3/event/track/') return 'tiktok-events';
  if (method === 'POST' && /^\/v\d+\.\d+\/\d+\/events$/.test(path)) return 'meta-events';
  if (method === 'GET' && /^\/v\d+\.\d+\/\d+$/.test(path)) return 'graph';
  return undefined;
}

/**
 * A local stand-in for the ad platforms: Meta's Graph API (leads by id, and the Conversions API's
 * `/{version}/{pixel}/events`) and TikTok's Events API (`/open_api/v1.3/event/track/`). Leads are
 * served from `leads`; `down(n, route)` answers the next n requests to that route with 503, as an outage would.
 */
export class PlatformFake {
  readonly requests: FakeRequest[] = [];
  /** Graph API leads by leadgen id, as Meta answers them. */
  readonly leads = new Map<string, unknown>();
  url = '';
  readonly #down = new Map<FakeRoute, number>();
  readonly #slow = new Map<FakeRoute, number>();
  #server: Server | undefined;

  /** The next `count` requests to `route` are answered 503. */
  down(count: number, route: FakeRoute): void {
    this.#down.set(route, count);
  }

  /** The next request to `route` is answered after `ms`, as a slow platform would. */
  slow(ms: number, route: FakeRoute): void {
    this.#slow.set(route, ms);
  }

  /** Requests to a path that starts with `prefix`, in arrival order. */
  to(method: string, prefix: string): FakeRequest[] {
    return this.requests.filter((request) => request.method === method && request.path.startsWith(prefix));
  }

  async start(): Promise<this> {
    this.#server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const url = new URL(request.url ?? '/', 'http://fake');
      const record: FakeRequest = {
        method: request.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status: 200,
      };
      this.requests.push(record);
      const answer = (status: number, body: unknown) => {
        record.status = status;
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const route = routeOf(record.method, record.path);
      const delay = route ? this.#slow.get(route) : undefined;
      if (route && delay) {
        this.#slow.delete(route);
        await new Promise((done) => setTimeout(done, delay));
      }
      const downFor = route ? (this.#down.get(route) ?? 0) : 0;
      if (route && downFor > 0) {
        this.#down.set(route, downFor - 1);
        return answer(503, { error: { message: 'Service temporarily unavailable', code: 2 } });
      }
      if (record.method === 'POST' && record.path === '/open_api/v1.3/event/track/') {
        if (request.headers['access-token'] !== 'tiktok-token') return answer(200, { code: 40001, message: 'Access token is incorrect' });
        return answer(200, { code: 0, message: 'OK', data: {} });
      }
      const events = /^\/v\d+\.\d+\/(\d+)\/events$/.exec(record.path);
      if (record.method === 'POST' && events) {
        if (url.searchParams.get('access_token') !== 'meta-token')
          return answer(400, { error: { message: 'Invalid OAuth access token', code: 190 } });
        return answer(200, { events_received: 1, fbtrace_id: 'fake' });
      }
      const lead = /^\/v\d+\.\d+\/(\d+)$/.exec(record.path);
      if (record.method === 'GET' && lead) {
        if (url.searchParams.get('access_token') !== 'meta-token')
          return answer(400, { error: { message: 'Invalid OAuth access token', code: 190 } });
        const found = this.leads.get(lead[1]!);
        return found ? answer(200, found) : answer(404, { error: { message: 'Unsupported get request', code: 100 } });
      }
      answer(404, { error: { message: 'no such route' } });
    });
    this.url = await listenLocally(this.#server);
    return this;
  }

  stop(): Promise<void> {
    return closeServer(this.#server);
  }
}
