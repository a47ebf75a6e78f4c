import { isIP } from 'node:net';

/** Where the server listens: `HOST` and `PORT`. */
export interface ListenAddress {
  host: string;
  port: number;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4321;

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Reads `PORT` (or the port variable `name`): a whole number from 1 to 65535; unset means 4321. */
export function parsePort(value: string | undefined, name = 'PORT'): number {
  const raw = value?.trim() ?? '';
  if (raw === '') return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(port >= 1 && port <= 65_535)) throw new Error(`${name} must be a whole number from 1 to 65535 (got "${value}")`);
  return port;
}

/** Reads `HOST`: an IP address or a host name; unset means 127.0.0.1 (this machine only). */
export function parseHost(value: string | undefined): string {
  const raw = value?.trim() ?? '';
  if (raw === '') return DEFAULT_HOST;
  if (!isIP(raw) && !HOST_NAME.test(raw)) {
    throw new Error(`HOST must be an IP address or a host name, such as 127.0.0.1 or 0.0.0.0 (got "${value}")`);
  }
  return raw;
}

/** `HOST` and `PORT`, each checked. */
export function parseListenAddress(env: Record<string, string | undefined>): ListenAddress {
  return { host: parseHost(env.HOST), port: parsePort(env.PORT) };
}

/** Addresses that mean "this machine" to a browser on it: the loopback and every-interface ones. */
const LOCAL_HOSTS = new Set(['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost']);

/**
 * The origin a browser on this machine reaches the server at: `http://localhost:<PORT>` for a
 * loopback or every-interface HOST, else `http://<HOST>:<PORT>`. Used when SITE_URL is not set.
 */
export function localOrigin({ host, port }: ListenAddress): string {
  const name = LOCAL_HOSTS.has(host) ? 'localhost' : isIP(host) === 6 ? `[${host}]` : host;
  return `http://${name}:${port}`;
}
