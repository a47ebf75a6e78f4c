import { connect } from 'node:net';

export interface ChunkedAnswer {
  status: number;
  /** The answer's headers and body as text. */
  text: string;
  /** Bytes of the body written before the answer's status line arrived. */
  writtenBeforeAnswer: number;
  /** Bytes written in all, until the server hung up or the body was done. */
  written: number;
  /** Whether the server hung up before taking the whole body. */
  cutOff: boolean;
}

/**
 * POSTs `totalBytes` of body with chunked framing (no Content-Length), as fast as the server takes
 * them, and keeps writing after the answer arrives, as a client that does not listen would. An
 * endpoint that reads its body to the end only answers after the last byte; one that stops at its
 * cap answers long before, and a server that will not swallow the rest hangs up before the last
 * byte. Written on a bare socket: Node's own client stops writing once it has an answer.
 */
export function postChunked(url: string, totalBytes: number, headers: Record<string, string> = {}): Promise<ChunkedAnswer> {
  const { hostname, port, pathname } = new URL(url);
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const frame = Buffer.concat([Buffer.from(`${chunk.byteLength.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
  const head = [
    `POST ${pathname} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    'Transfer-Encoding: chunked',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return new Promise((resolve, reject) => {
    let written = 0;
    let writtenBeforeAnswer: number | undefined;
    let text = '';
    let done = false;
    const socket = connect(Number(port), hostname);
    socket.setNoDelay(true);
    socket.on('data', (data) => {
      writtenBeforeAnswer ??= written;
      text += data.toString('latin1');
    });
    const finish = (cutOff: boolean) => {
      if (done) return;
      done = true;
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      if (writtenBeforeAnswer === undefined) reject(new Error(`no answer after ${written} bytes`));
      else resolve({ status, text, writtenBeforeAnswer, written, cutOff });
    };
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(written < totalBytes));
    const writeMore = () => {
      while (written < totalBytes && !socket.destroyed) {
        written += chunk.byteLength;
        if (!socket.write(frame)) return void socket.once('drain', writeMore);
      }
      if (socket.destroyed) return;
      // All sent: end the body, give the server a moment's chance to answer, then stop.
      socket.write('0\r\n\r\n');
      socket.setTimeout(2_000, () => finish(false));
    };
    socket.once('connect', () => {
      socket.write(`${head.join('\r\n')}\r\n\r\n`);
      writeMore();
    });
  });
}
