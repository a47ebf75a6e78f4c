/**
 * The request thread's own work per signup, piece by piece, in microseconds (median of 9 rounds of
 * 20,000 calls): sealing and opening the lead cookie, signing and checking the form stamp, and the
 * signup schema. Printed by `npm run bench` under the capture tables, so the per-piece figures the
 * README gives are measured again with the rest; alone: `npm exec -- node tests/bench/request-costs.ts`.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { checkFormStamp, signFormStamp } from '../../src/leads/form-stamp.ts';
import { openCookieValue, sealCookieValue } from '../../src/leads/sealed-cookie.ts';
import { parseSignup } from '../../src/leads/signup-input.ts';

const SECRET = 'bench-secret-bench-secret-bench-secret';
const CALLS = 20_000;
const ROUNDS = 9;

/** Median microseconds per call of `work` over ROUNDS rounds of CALLS calls. */
function microseconds(work: (index: number) => unknown): number {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    for (let index = 0; index < CALLS; index++) work(index);
    rounds.push(((performance.now() - started) * 1000) / CALLS);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

export function measureRequestCosts(): [string, number][] {
  const plaintext = randomBytes(16);
  const sealed = sealCookieValue(SECRET, 'lead', plaintext);
  const now = Date.now();
  const stamp = signFormStamp(SECRET, now - 10_000);
  const body = { email: 'reader@example.com', name: 'Reader', consent: 'on', magnet: 'lead-scoring-worksheet', stamp, utm_source: 'google' };
  return [
    ['seal the lead cookie', microseconds(() => sealCookieValue(SECRET, 'lead', plaintext))],
    ['open the lead cookie', microseconds(() => openCookieValue(SECRET, 'lead', sealed, plaintext.byteLength))],
    ['sign a form stamp', microseconds((index) => signFormStamp(SECRET, now - index))],
    ['check a form stamp', microseconds(() => checkFormStamp(SECRET, stamp, now))],
    ['parse a signup (zod)', microseconds(() => parseSignup(body))],
  ];
}

export function formatRequestCosts(costs: [string, number][]): string {
  return [
    '\nThe request thread’s own work per signup, µs per call (median of 9 rounds of 20,000)\n',
    ...costs.map(([name, us]) => `  ${name.padEnd(24)} ${us.toFixed(1).padStart(7)} µs`),
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) console.log(formatRequestCosts(measureRequestCosts()));
