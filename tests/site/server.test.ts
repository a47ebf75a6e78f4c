import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, projectRoot, startAppServer } from '../support/app-server.ts';
import { waitFor } from '../support/databases.ts';
import { useDefaultServer } from '../support/default-server.ts';

describe('npm run serve', () => {
  const served = useDefaultServer();

  it.each([
    ['/', 200, 'text/html'],
    ['/articles/what-is-a-lead/', 200, 'text/html'],
    ['/sitemap-index.xml', 200, 'xml'],
    ['/rss.xml', 200, 'xml'],
    ['/robots.txt', 200, 'text/plain'],
    ['/api/form-stamp', 200, 'application/json'],
    ['/no-such-page/', 404, 'text/html'],
  ])('answers GET %s with %i', async (path, status, type) => {
    const response = await fetch(served.server.base + path);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain(type);
  });

  it('serves the 404 page for an unknown address', async () => {
    const body = await (await fetch(`${served.server.base}/no-such-page/`)).text();
    expect(body).toContain('Page not found');
  });

  it('says at start that it runs on embedded defaults', () => {
    expect(served.server.output()).toMatch(/RESEND_API_KEY is not set: emails go to the local outbox mailbox/);
    expect(served.server.output()).toMatch(/LODESTONE_SECRET is not set: using the development secret/);
  });

  it('puts the first email of a signup in the local outbox mailbox and logs it', async () => {
    const response = await fetch(`${served.server.base}/api/leads`, {
      method: 'POST',
      headers: { Origin: served.server.base, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=first.reader%40example.com&consent=on',
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    // Logged by the message's number, never the reader's address.
    await waitFor(() => /"component":"mailbox","msg":"message #\d+ stored/.test(served.server.output()), 2_000, 'the mailbox log line');
    expect(served.server.output()).not.toContain('first.reader@example.com');
    const store = served.database.open();
    const stored = await store.db.selectFrom('mailbox').select(['to_address', 'subject']).execute();
    await store.close();
    expect(stored).toEqual([{ to_address: 'first.reader@example.com', subject: expect.stringMatching(/^Welcome to Lodestone/) }]);
  });

  it('links emails to the port it listens on when SITE_URL is not set (the welcome email above)', async () => {
    const store = served.database.open();
    const [email] = await store.db.selectFrom('mailbox').select(['text', 'headers']).where('to_address', '=', 'first.reader@example.com').execute();
    await store.close();
    const port = new URL(served.server.base).port;
    expect(email!.headers).toContain(`http://localhost:${port}/unsubscribe/`);
    expect(email!.text).toContain(`http://localhost:${port}/`);
    expect(email!.text).not.toContain('localhost:4321');
  });
});

/** Runs `npm run serve` to its exit in a fresh directory's database, with `env` over a working environment. */
async function serveUntilExit(env: Record<string, string>) {
  const directory = mkdtempSync(join(tmpdir(), 'lodestone-start-'));
  const databaseFile = join(directory, 'lodestone.db');
  const child = spawn(process.execPath, ['src/server/serve.ts'], {
    cwd: projectRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(await freePort()), DATABASE_URL: `file:${databaseFile}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  const migrated = existsSync(databaseFile);
  rmSync(directory, { recursive: true, force: true });
  return { code, output, migrated };
}

describe('start-up with a wrong environment', () => {
  it.each([
    [{ PORT: 'http' }, /^\[lodestone\] cannot start: Invalid environment: PORT must be a whole number from 1 to 65535 \(got "http"\)$/],
    [{ PORT: '70000' }, /^\[lodestone\] cannot start: Invalid environment: PORT must be a whole number from 1 to 65535/],
    [{ HOST: 'not a host!' }, /^\[lodestone\] cannot start: Invalid environment: HOST must be an IP address or a host name/],
    [{ HOST: '192.0.2.7' }, /^\[lodestone\] cannot start: HOST 192\.0\.2\.7 is not an address of this machine/],
    [
      { NODE_ENV: 'production', LODESTONE_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'a-long-admin-password', RESEND_API_KEY: '' },
      /^\[lodestone\] cannot start: Invalid environment: RESEND_API_KEY is required when NODE_ENV=production/,
    ],
  ])('stops with one line naming the variable, before migrating anything: %j', async (env, message) => {
    const { code, output, migrated } = await serveUntilExit(env);
    expect(code).toBe(1);
    expect(output.trim()).toMatch(message);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(migrated).toBe(false);
  });

  it('stops with one line naming PORT when the port is in use, before migrating anything', async () => {
    const occupant = createServer().listen(0, '127.0.0.1');
    await once(occupant, 'listening');
    const { port } = occupant.address() as { port: number };
    try {
      const { code, output, migrated } = await serveUntilExit({ PORT: String(port) });
      expect(code).toBe(1);
      expect(output).toMatch(new RegExp(`^\\[lodestone\\] cannot start: PORT ${port} is already in use on 127\\.0\\.0\\.1`, 'm'));
      expect(output).not.toMatch(/^\s+at /m);
      expect(output).not.toContain('applied migrations');
      expect(migrated).toBe(false);
    } finally {
      occupant.close();
    }
  });

  it.each([
    [{ NODE_ENV: 'production', LODESTONE_SECRET: '' }, /LODESTONE_SECRET is required when NODE_ENV=production/],
    [{ RATE_LIMIT: 'many' }, /RATE_LIMIT must be/],
    [{ DATABASE_URL: 'mysql://db/leads' }, /DATABASE_URL must start with file:/],
  ])('stops with a message naming the variable: %j', async (env, message) => {
    await expect(startAppServer(env)).rejects.toThrow(message);
  });
});
