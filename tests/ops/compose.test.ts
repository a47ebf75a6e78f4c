import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../support/app-server.ts';
import { closeServer, listenLocally } from '../support/local-http.ts';

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
}

const compose = parse(readFileSync(join(projectRoot, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const worker = compose.services.worker!;

/** Runs the worker's health check as Docker would inside its container, with `env` added; its exit code. */
async function runHealthcheck(env: Record<string, string>): Promise<number> {
  const [kind, program, ...args] = worker.healthcheck?.test ?? [];
  expect([kind, program]).toEqual(['CMD', 'node']);
  // compose reads "$x" and "${x}" as its own variables, and passes "$$" on as "$".
  expect(args.join(' ').replaceAll('$$', '')).not.toContain('$');
  try {
    await promisify(execFile)(
      process.execPath,
      args.map((arg) => arg.replaceAll('$$', '$')),
      { env: { ...process.env, ...env }, timeout: 10_000 },
    );
    return 0;
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  }
}

/** compose.yaml's worker: started with the app's settings, and watched through its /readyz like the instances. */
describe('the compose worker', () => {
  let server: Server | undefined;
  afterEach(() => closeServer(server));

  it('runs npm run worker with every setting of the app instances, and a WORKER_PORT', () => {
    expect(worker.command).toEqual(['npm', 'run', 'worker']);
    expect(worker.environment).toMatchObject(compose.services['app-1']!.environment!);
    expect(worker.environment?.WORKER_PORT).toMatch(/^[1-9][0-9]{3,4}$/);
  });

  it('is healthy while WORKER_PORT’s /readyz answers 200, and unhealthy on a 503 or with nothing listening', async () => {
    expect(worker.healthcheck?.disable).not.toBe(true);
    let status = 200;
    const asked: string[] = [];
    server = createServer((request, response) => {
      asked.push(request.url!);
      response.writeHead(status).end();
    });
    const port = new URL(await listenLocally(server)).port;

    expect(await runHealthcheck({ WORKER_PORT: port })).toBe(0);
    status = 503;
    expect(await runHealthcheck({ WORKER_PORT: port })).not.toBe(0);
    expect(asked).toEqual(['/readyz', '/readyz']);
    await closeServer(server);
    expect(await runHealthcheck({ WORKER_PORT: port })).not.toBe(0);
  });
});
