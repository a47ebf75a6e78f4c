import { parseServerEnv, type ServerEnv } from '../config/server-env.ts';
import { openDatabase, type LeadStore } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { MailboxMailer } from '../email/mailbox-mailer.ts';
import type { Mailer } from '../email/mailer.ts';
import { ResendMailer } from '../email/resend-mailer.ts';
import { pruneRateLimits } from '../leads/rate-limiter.ts';
import { ADMIN_ATTEMPTS } from './admin-auth.ts';
import { pruneAdminSessions } from '../admin/admin-sessions.ts';
import type { SignupForm } from '../leads/signup-forms.ts';
import { openMagnetLibrary, type LibraryOptions, type MagnetLibrary } from '../magnets/library.ts';
import { consultationLandings, landingForms, loadLandings, type Landing } from '../landing/landing-schema.ts';
import { loadSequences, type SequenceCatalog } from '../nurture/sequences.ts';
import { OutboxSender } from '../outbox/outbox-sender.ts';
import { WebhookSender } from '../outbox/webhook-sender.ts';
import { SenderThread } from './sender-thread-control.ts';
import { enqueueHandoff } from '../handoff/enqueue-handoff.ts';
import { loadHandoff } from '../handoff/load-handoff.ts';
import { loadScoringRules } from '../scoring/load-rules.ts';
import type { ScoringRules } from '../scoring/rules.ts';
import { Qualifier } from '../scoring/qualifier.ts';
import { BackgroundWork } from './background-work.ts';
import { loadPageIndex, PAGE_INDEX, type PageLookup } from '../page-views/page-index.ts';
import { loadLeadFormMappings } from '../lead-ads/lead-form-mapping.ts';
import { LeadAdWorker } from '../lead-ads/lead-ad-worker.ts';
import { enqueueConversions } from '../lead-ads/enqueue-conversions.ts';
import { ConversionSender } from '../outbox/conversion-sender.ts';
import { logLine } from '../ops/logger.ts';

/** What the endpoints need of the outbox sender, wherever it runs. */
export interface SenderControl {
  /** Send due rows now (called right after a commit that queued an email or a webhook). */
  wake(): void;
  stop(): Promise<void>;
}

/** Everything the endpoints share in one server process. */
export interface Runtime<Sender extends SenderControl = SenderControl> {
  env: ServerEnv;
  store: LeadStore;
  mailer: Mailer;
  sender: Sender;
  magnets: MagnetLibrary;
  sequences: SequenceCatalog;
  /** Landing pages by slug. */
  landings: ReadonlyMap<string, Landing>;
  /** Every signup form besides the newsletter's, keyed `magnet:<slug>` (and `landing:<slug>`). */
  forms: ReadonlyMap<string, SignupForm>;
  /** The scoring rules (content/scoring.yaml): the qualifier scores by them, profiling asks their questions. */
  rules: ScoringRules;
  /** The pages the beacon counts, from the build's page index (read on the first beacon, so the worker never needs it). */
  pages: PageLookup;
  close(): Promise<void>;
}

export interface RuntimeOptions extends Pick<LibraryOptions, 'contentDir' | 'filesDir'> {
  /**
   * Where the outbox sender runs: `in-process` (the default: started on this event loop), `thread`
   * (the server: a thread of its own), or `manual` (not started; the worker CLI drives it).
   */
  sender?: 'in-process' | 'thread' | 'manual';
  /** The sender's clock; the worker's `--now` fixes it. */
  clock?: () => number;
}

const KEY = Symbol.for('lodestone.runtime');
type Holder = { [KEY]?: Promise<Runtime> };

/**
 * Parses the environment, opens and migrates the lead store, and starts the background work in
 * process: the qualifier and the outbox senders (email, and webhooks when CRM_WEBHOOK_URL is set).
 * Throws with a message naming the variable when the environment is wrong.
 */
export async function startRuntime(
  variables: Record<string, string | undefined>,
  log: (line: string) => void = logLine,
  options: RuntimeOptions & { sender?: 'in-process' | 'manual' } = {},
): Promise<Runtime<BackgroundWork>> {
  return openRuntime(parseServerEnv(variables), log, options);
}

/** startRuntime() for an environment already parsed: the server checks it, and binds its port, before anything else. */
export async function openRuntime(
  env: ServerEnv,
  log?: (line: string) => void,
  options?: RuntimeOptions & { sender?: 'in-process' | 'manual' },
): Promise<Runtime<BackgroundWork>>;
export async function openRuntime(
  env: ServerEnv,
  log: (line: string) => void,
  options: RuntimeOptions & { sender: 'thread' },
): Promise<Runtime<SenderThread>>;
export async function openRuntime(env: ServerEnv, log: (line: string) => void = logLine, options: RuntimeOptions = {}): Promise<Runtime> {
  for (const notice of env.notices) log(`[lodestone] ${notice}`);
  const magnets = await openMagnetLibrary({ contentDir: options.contentDir, filesDir: options.filesDir, siteUrl: env.siteUrl });
  const sequences = await loadSequences();
  const landings = new Map((await loadLandings()).map((landing) => [landing.slug, landing]));
  const rules = await loadScoringRules();
  const leadFormMappings = await loadLeadFormMappings({
    magnets: new Set([...magnets.forms.keys()].map((key) => key.replace(/^magnet:/, ''))),
    sequences: new Set(sequences.keys()),
    questions: new Set(rules.questions.map((question) => question.name)),
  });
  const store = openDatabase(env.database);
  const applied = await migrateToLatest(store);
  if (applied.length) log(`[lodestone] applied migrations: ${applied.join(', ')}`);
  const mailer = env.resendApiKey ? new ResendMailer(env.resendApiKey, env.resendRequestsPerSecond) : new MailboxMailer(store, log);
  let sender: SenderControl;
  if (options.sender === 'thread') {
    // The thread builds its own sender, mailer and store; nothing of the kind is needed here.
    const thread = new SenderThread(log);
    await thread.start();
    sender = thread;
  } else {
    const clock = options.clock ? { clock: options.clock } : {};
    const consultations = consultationLandings(landings.values());
    const qualifier = env.scoring
      ? new Qualifier({
          store,
          rules,
          consultations: new Set(consultations.map((landing) => landing.slug)),
          // With neither a CRM webhook nor a sales address there is no one to hand a lead to: it is only scored.
          handOff:
            env.crmWebhook || env.salesNotifyEmail
              ? async (trx, event) => void (await enqueueHandoff(trx, await loadHandoff(trx, event), env))
              : undefined,
          handedOff: () => work.wakeSenders(),
          moved: (trx, move) => enqueueConversions(trx, move, env.leadAds),
          log,
          ...clock,
        })
      : undefined;
    const work = new BackgroundWork({
      qualifier,
      email: new OutboxSender({
        store,
        mailer,
        from: env.emailFrom,
        siteUrl: env.siteUrl,
        secret: env.secret,
        magnets: magnets.info,
        sequences,
        consultations: new Map(consultations.map(({ slug, title }) => [slug, { title }])),
        log,
        ...clock,
      }),
      webhooks: env.crmWebhook ? new WebhookSender({ store, url: env.crmWebhook.url, secret: env.crmWebhook.secret, log, ...clock }) : undefined,
      leadAds: new LeadAdWorker({
        store,
        meta: env.leadAds.meta,
        mappings: leadFormMappings,
        forms: magnets.forms,
        sequences,
        captured: () => {
          work.qualifier?.wake();
          work.wakeSenders();
        },
        log,
        ...clock,
      }),
      conversions:
        env.leadAds.meta.pixelId || env.leadAds.tiktok.eventSourceId
          ? new ConversionSender({ store, settings: env.leadAds, log, ...clock })
          : undefined,
    });
    if (options.sender !== 'manual') work.start();
    sender = work;
  }
  const { rateLimit, beaconRateLimit } = env;
  const prune = async (now: number) => {
    if (rateLimit) await pruneRateLimits(store, now, rateLimit.windowMs, 'signup');
    if (beaconRateLimit) await pruneRateLimits(store, now, beaconRateLimit.windowMs, 'beacon');
    await pruneRateLimits(store, now, ADMIN_ATTEMPTS.windowMs, 'admin');
    await pruneAdminSessions(store, now);
  };
  const pruning = setInterval(
    () => void prune(Date.now()).catch((error) => log(`[lodestone] pruning rate limits and admin sessions: ${error}`)),
    10 * 60_000,
  ).unref();
  return {
    env,
    store,
    mailer,
    sender,
    magnets,
    sequences,
    landings,
    forms: new Map([...magnets.forms, ...landingForms([...landings.values()])]),
    rules,
    pages: builtPages(log),
    async close() {
      clearInterval(pruning);
      await sender.stop();
      await store.close();
    },
  };
}

/** The built page index, loaded once when first asked; without one (no build), no page is counted and the log says why. */
function builtPages(log: (line: string) => void): PageLookup {
  let index: Promise<PageLookup> | undefined;
  return async (path) => {
    index ??= loadPageIndex().then((lookup) => {
      if (lookup) return lookup;
      log(`[lodestone] ${PAGE_INDEX} is missing (run npm run build): page views are not counted`);
      return async () => undefined;
    });
    return (await index)(path);
  };
}

/** Makes `runtime` the one every endpoint in this process uses (the server entry calls this at start). */
export function installRuntime(runtime: Runtime): void {
  (globalThis as Holder)[KEY] = Promise.resolve(runtime);
}

/**
 * The process's runtime. The server entry installs it at start; under `astro dev`, where there is
 * no such entry, it starts on first use.
 */
export function getRuntime(): Promise<Runtime> {
  const holder = globalThis as Holder;
  holder[KEY] ??= startRuntime(process.env);
  return holder[KEY];
}
