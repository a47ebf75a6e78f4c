import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody } from '../../src/leads/request-guards.ts';
import { bodyStream, createSiteServer, listen, SERVER_TIMEOUTS, stopServing } from '../../src/server/http-server.ts';
import { waitFor } from '../support/databases.ts';

/** Sends `text` on a bare socket and collects what comes back until the server hangs up. */
async function exchange(port: number, text: string): Promise<{ answer: string; elapsedMs: number }> {
  const started = Date.now();
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (data) => (answer += data.toString('latin1')));
  socket.on('error', () => undefined);
  socket.write(text);
  await once(socket, 'close');
  return { answer, elapsedMs: Date.now() - started };
}

describe('createSiteServer', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  async function start(timeouts = { headersMs: 300, requestMs: 600, keepAliveMs: 300 }) {
    server = createSiteServer(async (request, response) => {
      const body = await readBody({ headers: new Headers(), body: bodyStream(request) }, 1024).catch(() => undefined);
      response.writeHead(body ? 200 : 413).end();
    }, timeouts);
    await listen(server, { host: '127.0.0.1', port: 0 });
    return (server.address() as { port: number }).port;
  }

  it('keeps Node’s five-minute request limit out: a request must be in within 30 seconds, its headers within 10', () => {
    expect(SERVER_TIMEOUTS).toEqual({ headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 });
  });

  it('answers 408 and hangs up on a body that stalls past the request timeout', async () => {
    const port = await start();
    const { answer, elapsedMs } = await exchange(port, 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nslow\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(elapsedMs).toBeLessThan(3_000);
  });

  it('answers 408 and hangs up on headers that never end', async () => {
    const port = await start();
    const { answer, elapsedMs } = await exchange(port, 'POST / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(elapsedMs).toBeLessThan(3_000);
  });

  it('closes an idle keep-alive connection', async () => {
    const port = await start();
    const { answer, elapsedMs } = await exchange(port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok');
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    // Node adds a second of grace to the advertised keep-alive timeout.
    expect(elapsedMs).toBeLessThan(3_000);
  });
});

describe('stopServing', () => {
  /**
   * A site server whose `/under-way` answer waits for `release()` (`/streaming` sends its headers
   * first), and a keep-alive connection to it that records what comes back.
   */
  async function serveOneConnection() {
    let arrived!: () => void;
    let release!: () => void;
    const arrival = new Promise<void>((done) => (arrived = done));
    const released = new Promise<void>((done) => (release = done));
    const server = createSiteServer(async (request, response) => {
      if (request.url === '/streaming') response.writeHead(200).write('o');
      if (request.url === '/under-way' || request.url === '/streaming') {
        arrived();
        await released;
      }
      response.end('ok');
    });
    await listen(server, { host: '127.0.0.1', port: 0 });
    const socket = connect((server.address() as { port: number }).port, '127.0.0.1');
    let answer = '';
    socket.on('data', (data) => (answer += data.toString('latin1')));
    return { server, socket, arrival, release, answer: () => answer, hungUp: once(socket, 'close') };
  }

  it('answers the request under way with Connection: close and ends once it is answered, without waiting out its grace', async () => {
    const { server, socket, arrival, release, answer, hungUp } = await serveOneConnection();
    socket.write('GET /under-way HTTP/1.1\r\nHost: x\r\n\r\n');
    await arrival;
    const started = Date.now();
    const stopped = stopServing(server, 10_000);
    release();
    await Promise.all([stopped, hungUp]);
    expect(answer()).toMatch(/^HTTP\/1\.1 200 [^]*Connection: close[^]*ok$/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('answers the next request on a connection whose answer was already streaming with Connection: close', async () => {
    const { server, socket, arrival, release, answer, hungUp } = await serveOneConnection();
    socket.write('GET /streaming HTTP/1.1\r\nHost: x\r\n\r\n');
    await arrival;
    const stopped = stopServing(server, 10_000);
    release();
    await waitFor(() => answer().endsWith('0\r\n\r\n'));
    socket.write('GET /next HTTP/1.1\r\nHost: x\r\n\r\n');
    await Promise.all([stopped, hungUp]);
    expect(answer().split('HTTP/1.1 ').slice(1)).toEqual([
      expect.stringMatching(/Connection: keep-alive/),
      expect.stringMatching(/Connection: close[^]*ok$/),
    ]);
  });
});

describe('listen', () => {
  it('says which PORT is in use, in one sentence', async () => {
    const occupant = createServer().listen(0, '127.0.0.1');
    await once(occupant, 'listening');
    const { port } = occupant.address() as { port: number };
    const server = createSiteServer(() => undefined);
    try {
      await expect(listen(server, { host: '127.0.0.1', port })).rejects.toThrow(
        new RegExp(`^PORT ${port} is already in use on 127\\.0\\.0\\.1: stop what listens there or choose another PORT$`),
      );
    } finally {
      occupant.close();
    }
  });

  it('says when HOST is not an address of this machine', async () => {
    await expect(
      listen(
        createSiteServer(() => undefined),
        { host: '192.0.2.7', port: 4321 },
      ),
    ).rejects.toThrow(/^HOST 192\.0\.2\.7 is not an address of this machine/);
  });
});
