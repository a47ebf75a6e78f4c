/**
 * The capture part of `npm run bench`: POST /api/leads on the built server against the floors of
 * the same engine, measured in the same run, round after round so both meet the same machine.
 */
import { join } from 'node:path';
import { parseDatabaseUrl } from '../../src/db/database-url.ts';
import { openDatabase, type LeadStore } from '../../src/db/database.ts';
import { startAppServer, type AppServer } from '../support/app-server.ts';
import { createPostgresSchema } from '../support/postgres-schema.ts';
import { TEST_SECRET } from '../support/signup-client.ts';
import { postgresCpuMs, processCpuMs } from './process-cpu.ts';
import { postSignups, startFloor, type FloorKind, type LoadResult } from './signup-load.ts';

export interface Measured extends LoadResult {
  name: string;
  /** First emails handed to the provider per second while the load ran (servers only). */
  emailsPerSecond?: number;
  /** How long after the load the outbox took to empty (servers only). */
  drainedMs?: number;
  /** CPU the server process (every thread) used per signup, from the load's start until its work was drained, in µs. */
  serverCpuUs?: number;
  /** CPU the PostgreSQL server used per signup over the same time, in µs (PostgreSQL subjects only). */
  databaseCpuUs?: number;
}

interface Subject {
  name: string;
  base: string;
  /** The server's process, whose CPU time is read. */
  pid?: number;
  /** Whether the database is the machine's PostgreSQL, whose CPU time is read too. */
  postgres?: boolean;
  store?: LeadStore;
  /** The server scores leads: a round starts once the last one's leads are scored too. */
  scoring?: boolean;
  stop(): Promise<void> | void;
}

const WARM_UP = 300;

async function countOutbox(store: LeadStore, where: 'sent-between' | 'due', from = 0, to = 0): Promise<number> {
  let query = store.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n'));
  query =
    where === 'sent-between'
      ? query.where('status', '=', 'sent').where('sent_at', '>=', from).where('sent_at', '<=', to)
      : query.where('status', 'in', ['pending', 'sending']).where('next_attempt_at', '<=', Date.now());
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** Leads waiting to be scored now. */
async function countUnscored(store: LeadStore): Promise<number> {
  const query = store.db
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('rescore_at', '<=', Date.now());
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** Waits until the subject's outbox has nothing due and, when it scores, no lead waits to be scored. */
async function settled(subject: Subject): Promise<void> {
  const store = subject.store!;
  while ((await countOutbox(store, 'due')) > 0 || (subject.scoring && (await countUnscored(store)) > 0)) {
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** Runs `rounds` rounds of `signups` signups against every subject in turn; keeps each subject's median round. */
async function measureAll(subjects: Subject[], signups: number, rounds: number): Promise<Measured[]> {
  const results = new Map<string, Measured[]>(subjects.map((subject) => [subject.name, []]));
  // Each signup's address is new: `<subject>-<round>-<n>@bench.example`.
  for (const [index, subject] of subjects.entries()) await postSignups(subject.base, `warm${index}`, WARM_UP);
  for (let round = 0; round < rounds; round++) {
    for (const [index, subject] of subjects.entries()) {
      if (subject.store) await settled(subject);
      const cpuBefore = { server: processCpuMs(subject.pid), database: subject.postgres ? postgresCpuMs() : undefined };
      const started = Date.now();
      const result: Measured = { name: subject.name, ...(await postSignups(subject.base, `s${index}r${round}`, signups)) };
      const stopped = Date.now();
      if (subject.store) {
        result.emailsPerSecond = (await countOutbox(subject.store, 'sent-between', started, stopped)) / ((stopped - started) / 1000);
        await settled(subject);
        result.drainedMs = Date.now() - stopped;
      }
      const perSignup = (before: number | undefined, after: number | undefined) =>
        before === undefined || after === undefined ? undefined : ((after - before) * 1000) / result.count;
      result.serverCpuUs = perSignup(cpuBefore.server, processCpuMs(subject.pid));
      if (subject.postgres) result.databaseCpuUs = perSignup(cpuBefore.database, postgresCpuMs());
      results.get(subject.name)!.push(result);
    }
  }
  return subjects.map((subject) => {
    const runs = results.get(subject.name)!.sort((a, b) => a.perSecond - b.perSecond);
    return runs[Math.floor(runs.length / 2)]!;
  });
}

async function floor(name: string, kind: FloorKind, target: string): Promise<Subject> {
  const started = await startFloor(kind, target);
  return { name, base: started.base, pid: started.pid, postgres: kind === 'postgres' || kind === 'postgres-rows', stop: started.stop };
}

async function app(name: string, databaseUrl: string, env: Record<string, string>): Promise<Subject> {
  const server: AppServer = await startAppServer({
    LODESTONE_SECRET: TEST_SECRET,
    RATE_LIMIT: 'off',
    TRUST_PROXY: '1',
    DATABASE_URL: databaseUrl,
    ...env,
  });
  const store = openDatabase(parseDatabaseUrl(databaseUrl), { poolSize: 2 });
  return {
    name,
    base: server.base,
    pid: server.process.pid,
    postgres: store.engine === 'postgres',
    store,
    scoring: env.SCORING !== 'off',
    async stop() {
      await store.close();
      await server.stop();
    },
  };
}

export interface CaptureOptions {
  directory: string;
  signups: number;
  rounds: number;
  /** The Resend fake's URL: the provider of the measured servers. */
  resendUrl: string;
}

function resendEnv(resendUrl: string): Record<string, string> {
  // The server's own capacity: the client is not held to Resend's per-team rate limit here.
  return { RESEND_API_KEY: 're_bench', RESEND_BASE_URL: resendUrl, RESEND_REQUESTS_PER_SECOND: '1000' };
}

/** The name of the subject that measures the server with scoring paused, beside the same server with it on. */
export const SCORING_OFF = '/api/leads, Resend, SCORING=off';

/** SQLite: the FULL and NORMAL floors, the FULL floor storing a signup's rows, and the built server with the mailbox, with Resend (scoring on and off), and with Resend and a rate limit. */
export async function measureSqlite({ directory, signups, rounds, resendUrl }: CaptureOptions): Promise<Measured[]> {
  const file = (name: string) => join(directory, `${name}.db`);
  const subjects = [
    await floor('floor FULL (node:http + one insert)', 'sqlite-full', file('floor-full')),
    await floor('floor NORMAL (not durable)', 'sqlite-normal', file('floor-normal')),
    await floor("floor FULL, a signup's rows", 'sqlite-rows', file('floor-rows')),
    await app('/api/leads, local outbox mailbox', `file:${file('mailbox')}`, {}),
    await app('/api/leads, Resend (local fake)', `file:${file('resend')}`, resendEnv(resendUrl)),
    await app(SCORING_OFF, `file:${file('unscored')}`, { ...resendEnv(resendUrl), SCORING: 'off' }),
    await app('/api/leads, Resend, RATE_LIMIT=10/min', `file:${file('rate')}`, { ...resendEnv(resendUrl), RATE_LIMIT: '10/min' }),
  ];
  try {
    return await measureAll(subjects, signups, rounds);
  } finally {
    for (const subject of subjects) await subject.stop();
  }
}

/** PostgreSQL: a bare `pg` insert floor (a pool of 10, as the server's) and one storing a signup's rows, beside the built server (scoring on and off), each in a schema of its own. */
export async function measurePostgres(serverUrl: string, { signups, rounds, resendUrl }: CaptureOptions): Promise<Measured[]> {
  const schemas = [];
  for (let index = 0; index < 5; index++) schemas.push(await createPostgresSchema(serverUrl, 'lodestone_bench'));
  const subjects: Subject[] = [];
  try {
    subjects.push(await floor('floor (node:http + pg, one insert)', 'postgres', schemas[0]!.url));
    subjects.push(await floor("floor, a signup's rows", 'postgres-rows', schemas[4]!.url));
    subjects.push(await app('/api/leads, Resend (local fake)', schemas[1]!.url, resendEnv(resendUrl)));
    subjects.push(await app(SCORING_OFF, schemas[3]!.url, { ...resendEnv(resendUrl), SCORING: 'off' }));
    subjects.push(await app('/api/leads, Resend, RATE_LIMIT=10/min', schemas[2]!.url, { ...resendEnv(resendUrl), RATE_LIMIT: '10/min' }));
    return await measureAll(subjects, signups, rounds);
  } finally {
    for (const subject of subjects) await subject.stop();
    for (const schema of schemas) await schema.drop();
  }
}
