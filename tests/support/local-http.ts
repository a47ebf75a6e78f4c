import { once } from 'node:events';
import type { Server } from 'node:http';

/** Listens on a free port of 127.0.0.1; resolves with the server's origin, `http://127.0.0.1:<port>`. */
export async function listenLocally(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no port');
  return `http://127.0.0.1:${address.port}`;
}

/** Closes the server and the connections still open on it (a keep-alive client's too). */
export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
}
