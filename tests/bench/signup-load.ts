import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { stamp } from '../support/signup-client.ts';

export const CONCURRENCY = 32;

export interface LoadResult {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

function post(agent: Agent, base: URL, body: string, headers: Record<string, string>): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path: '/api/leads',
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Origin: base.origin, ...headers },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Posts `signups` distinct JSON signups from CONCURRENCY keep-alive clients and measures
 * throughput and latency. Each signup comes from its own client address (`X-Forwarded-For`, read by
 * a server with TRUST_PROXY=1), so a rate limit counts every one without refusing any.
 */
export async function postSignups(base: string, label: string, signups: number): Promise<LoadResult> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const signupStamp = stamp(5_000);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < signups) {
        const index = next++;
        const body = JSON.stringify({ email: `${label}-${index}@bench.example`, consent: true, stamp: signupStamp, utm_source: 'bench' });
        const address = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
        const { status, ms } = await post(agent, url, body, { 'X-Forwarded-For': address });
        if (status === 202) latencies.push(ms);
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { count: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors };
}

export type FloorKind = 'sqlite-full' | 'sqlite-normal' | 'sqlite-rows' | 'postgres' | 'postgres-rows';

/** Starts a floor server (floor-server.ts) in a process of its own. */
export async function startFloor(
  kind: FloorKind,
  target: string,
  poolSize = 10,
): Promise<{ base: string; pid: number | undefined; stop: () => void }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'floor-server.ts'), kind, target, String(poolSize)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => resolve(/PORT (\d+)/.exec(String(chunk))![1]!));
    child.on('exit', (code) => reject(new Error(`floor server ${kind} exited with ${code}`)));
  });
  return { base: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => child.kill() };
}
