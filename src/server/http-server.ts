import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ListenAddress } from '../config/listen-address.ts';

/** How long a client may take, so a slow or stalled client cannot hold a socket for minutes (Node's own request limit is five). */
export interface ServerTimeouts {
  /** From connecting to the last request header. */
  headersMs: number;
  /** From connecting to the last byte of the body (answered 408 past it). */
  requestMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 };

/** Most we read and drop of an unread body after answering, and how long we wait for it, before hanging up. */
const DISCARD_LIMIT_BYTES = 8 * 1024 * 1024;
const DISCARD_LIMIT_MS = 5_000;

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** The answers each site server is writing, so a stop can tell them to close their connections. */
const answersUnderWay = new WeakMap<Server, Set<ServerResponse>>();

/**
 * The site's HTTP server: Node's, with timeouts of our own, and a body nobody read dropped only up
 * to a limit once the answer is sent. Endpoints read bodies through `bodyStream()` and stop at
 * their own cap; what they leave is handled here. Stop it with `stopServing()`.
 */
export function createSiteServer(listener: RequestListener, timeouts: ServerTimeouts = SERVER_TIMEOUTS): Server {
  const underWay = new Set<ServerResponse>();
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
    },
    (request, response) => {
      if (!server.listening) response.setHeader('Connection', 'close');
      underWay.add(response);
      response.once('close', () => underWay.delete(response));
      // Before 'finish': there Node would start its own unbounded drain of a body nobody touched.
      response.once('prefinish', () => {
        if (!request.complete) discardRest(request);
      });
      listener(request, response);
    },
  );
  answersUnderWay.set(server, underWay);
  return server;
}

/**
 * Stops accepting connections, lets the requests under way finish (`graceMs` at most, then cuts
 * them) and closes each keep-alive connection once its request is answered. Node alone would close
 * only the idle ones and go on serving a busy client, so a stop under load waited out its grace.
 */
export async function stopServing(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((done) => server.close(() => done()));
  for (const response of answersUnderWay.get(server) ?? []) if (!response.headersSent) response.setHeader('Connection', 'close');
  let grace: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise<void>((done) => (grace = setTimeout(done, graceMs)))]);
  clearTimeout(grace);
  server.closeAllConnections();
}

/**
 * The request's body as an async iterable that leaves the request open when a reader stops early,
 * so an endpoint at its cap can still send its 413 on the same socket. Node's own iterator would
 * destroy the request, and with it the socket, before the answer is written.
 */
export async function* bodyStream(request: IncomingMessage): AsyncGenerator<Uint8Array> {
  // A bare generator: Astro's adapter would take an object with own keys (Node's iterator has `stream`) for a parsed JSON body.
  yield* request.iterator({ destroyOnReturn: false });
}

/**
 * An answered request's body may still be arriving. Hanging up at once makes the client's kernel see
 * a reset while it is still writing, so it never reads the answer it was sent; reading and dropping
 * the rest lets it. A client that keeps sending past a few megabytes or seconds is cut off, rather
 * than Node's default of draining whatever comes, for as long as it comes.
 */
function discardRest(request: IncomingMessage): void {
  if (request.destroyed) return;
  let dropped = 0;
  const timer = setTimeout(() => request.destroy(), DISCARD_LIMIT_MS).unref();
  request.on('data', (chunk: Buffer) => {
    dropped += chunk.byteLength;
    if (dropped > DISCARD_LIMIT_BYTES) request.destroy();
  });
  request.once('close', () => clearTimeout(timer));
  request.resume();
}

/**
 * Binds the server to HOST:PORT (`portName` names the port's variable). A failure comes back as one
 * sentence naming the variable to change (a port in use, a port that needs privileges, a host that
 * is not this machine's).
 */
export function listen(server: Server, { host, port }: ListenAddress, portName = 'PORT'): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      server.off('listening', listening);
      reject(new Error(listenProblem(error.code, host, port, portName)));
    };
    const listening = () => {
      server.off('error', failed);
      resolve();
    };
    server.once('error', failed);
    server.once('listening', listening);
    server.listen(port, host);
  });
}

function listenProblem(code: string | undefined, host: string, port: number, portName: string): string {
  switch (code) {
    case 'EADDRINUSE':
      return `${portName} ${port} is already in use on ${host}: stop what listens there or choose another ${portName}`;
    case 'EACCES':
      return `${portName} ${port} is not open to this user on ${host} (ports below 1024 need privileges): choose another ${portName}`;
    case 'EADDRNOTAVAIL':
      return `HOST ${host} is not an address of this machine: use one of its addresses, 127.0.0.1 or 0.0.0.0`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `HOST ${host} does not resolve to an address of this machine: use an IP address such as 127.0.0.1 or 0.0.0.0`;
    default:
      return `cannot listen on HOST ${host}, ${portName} ${port} (${code ?? 'unknown error'})`;
  }
}
