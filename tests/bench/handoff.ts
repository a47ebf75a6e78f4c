/**
 * The hand-off part of `npm run bench`: how long from the answer to a request to the CRM webhook
 * at a local receiver, on the built server, for a consultation request (a hand-off whatever the
 * score) and for profiling answers that tip a lead into sales-ready. HANDOFF_SAMPLES (20) of each,
 * on SQLite and, when TEST_DATABASE_URL names a server, on PostgreSQL. Alone:
 * `npm exec -- node tests/bench/handoff.ts` (after `npm run build`).
 */
import { fileURLToPath } from 'node:url';
import { startAppServer } from '../support/app-server.ts';
import { createTestDatabase, type EngineName } from '../support/databases.ts';
import { postSignup, signup, TEST_SECRET } from '../support/signup-client.ts';
import { CRM_SECRET, WebhookReceiver } from '../support/webhook-receiver.ts';

const SAMPLES = Number(process.env.HANDOFF_SAMPLES ?? 20);
const MAGNET = 'lead-scoring-worksheet';

async function measure(engine: EngineName): Promise<Record<string, number[]>> {
  const receiver = await new WebhookReceiver().start();
  const database = await createTestDatabase(engine);
  const server = await startAppServer({
    DATABASE_URL: database.url,
    LODESTONE_SECRET: TEST_SECRET,
    RATE_LIMIT: 'off',
    CRM_WEBHOOK_URL: receiver.url,
    CRM_WEBHOOK_SECRET: CRM_SECRET,
  });
  /** Milliseconds from `started` until the receiver holds `count` deliveries. */
  const arrival = async (count: number, started: number) => {
    while (receiver.received.length < count) await new Promise((done) => setTimeout(done, 2));
    return performance.now() - started;
  };
  const times: Record<string, number[]> = { 'consultation request': [], 'profiling answers': [] };
  try {
    for (let sample = 0; sample < SAMPLES; sample++) {
      const company = { name: 'Alex', company: 'Northwind Logistics', team_size: '11-50' };
      let started = performance.now();
      await postSignup(server.base, signup(`alex${sample}@northwind.example`, { landing: 'scoring-review', ...company }));
      times['consultation request']!.push(await arrival(receiver.received.length + 1, started));

      const signedUp = await postSignup(server.base, signup(`jo${sample}@northwind.example`, { magnet: MAGNET, company_size: '51-200 people' }));
      const cookie = signedUp.headers
        .getSetCookie()
        .find((line) => line.startsWith('lodestone_lead='))!
        .split(';', 1)[0]!;
      const before = receiver.received.length;
      started = performance.now();
      const answers = { profile: MAGNET, role: 'Founder or owner', budget: 'Over $10,000', timeline: 'This month' };
      await postSignup(server.base, answers, { headers: { Cookie: cookie } });
      times['profiling answers']!.push(await arrival(before + 1, started));
    }
    return times;
  } finally {
    await server.stop();
    await database.drop();
    await receiver.stop();
  }
}

/** Prints the median and slowest hand-off per case and engine. */
export async function benchHandoff(): Promise<void> {
  console.log(`\nHand-off: from the answer to the request to the CRM webhook at a local receiver, ${SAMPLES} of each, idle server (target: 5 s)\n`);
  const engines: EngineName[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  for (const engine of engines) {
    for (const [label, samples] of Object.entries(await measure(engine))) {
      samples.sort((a, b) => a - b);
      const median = samples[Math.floor(samples.length / 2)]!;
      console.log(
        `${`${engine}, ${label}`.padEnd(36)} median ${median.toFixed(0).padStart(4)} ms, slowest ${samples.at(-1)!.toFixed(0).padStart(4)} ms`,
      );
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchHandoff();
