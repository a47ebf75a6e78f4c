import type { LeadStore } from '../db/database.ts';
import type { Mailer, OutboundEmail, SendOutcome } from '../email/mailer.ts';
import { renderEmail, type ConsultationInfo, type EmailPayload, type MagnetInfo } from '../email/render.ts';
import { SALES_ALERT_TEMPLATE } from '../handoff/enqueue-handoff.ts';
import { LeadStatus } from '../leads/lead-status.ts';
import { nextStep } from '../nurture/enrol.ts';
import { sequenceOfTemplate } from '../nurture/preferences.ts';
import { parseStepTemplate, type SequenceCatalog } from '../nurture/sequences.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff.ts';
import { claimDueRows } from './claim-rows.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import { OutboxKind } from './outbox-kind.ts';
import { OutboxStatus } from './outbox-status.ts';
import { RoundsWorker, type SenderPacing } from './send-loop.ts';
import { settlement, settleRows, type Settled } from './settle-rows.ts';
import { reportDeliveries } from '../ops/delivery-counts.ts';
import { isReplayable, loadAttempts, recordAttempts, type AttemptDraft, type OutboxRow, type SendAttempt } from './send-attempts.ts';
import { logLine } from '../ops/logger.ts';

export interface OutboxSenderOptions extends SenderPacing {
  store: LeadStore;
  mailer: Mailer;
  from: string;
  siteUrl: URL;
  /** Signs the links emails carry. */
  secret: string;
  /** The magnets emails can deliver, by slug. */
  magnets: ReadonlyMap<string, MagnetInfo>;
  /** The compiled nurture sequences. */
  sequences: SequenceCatalog;
  /** What consultation emails need to know of each consultation landing page. */
  consultations?: ReadonlyMap<string, ConsultationInfo>;
}

/**
 * Sends what the outbox holds. `wake()` after a commit makes it send at once; otherwise it polls.
 * Rows are claimed with a lease (and `FOR UPDATE SKIP LOCKED` on PostgreSQL), so several senders
 * can run against one database and a row is handed to the mailer by one of them at a time.
 */
/**
 * Rows one round claims. A claim should outlive its round: 16 rows one by one, 8 at a time, each
 * cut off after SEND_TIMEOUT_MS (10 s), take at most 20 s; 100 rows in one batch call at most 10 s.
 * A round that overruns is still safe: its requests are on disk, so a sender taking over repeats them exactly.
 */
function emailBatchSize(mailer: Mailer): number {
  return mailer.sendBatch ? (mailer.batchLimit ?? 100) : 16;
}

export class OutboxSender extends RoundsWorker {
  readonly #options: Required<Omit<OutboxSenderOptions, 'retry' | 'consultations'>> &
    Pick<OutboxSenderOptions, 'consultations'> & { retry: RetryPolicy };

  constructor(options: OutboxSenderOptions) {
    super(options.pollMs ?? 1_000, options.log ?? logLine, { batchSize: options.batchSize ?? emailBatchSize(options.mailer) });
    this.#options = {
      retry: DEFAULT_RETRY_POLICY,
      batchSize: emailBatchSize(options.mailer),
      concurrency: 8,
      leaseMs: 30_000,
      pollMs: 1_000,
      clock: Date.now,
      log: logLine,
      ...options,
    };
  }

  /** Claims and sends one batch of due rows; returns how many were claimed. */
  async runOnce(now = this.#options.clock()): Promise<number> {
    const { batchSize, leaseMs } = this.#options;
    const rows = await claimDueRows(this.#options.store, { kind: OutboxKind.Email, now, batchSize, leaseMs });
    if (rows.length === 0) return 0;
    const { store, log } = this.#options;
    // A row whose request was made without a clear answer is sent again as that same request, never
    // re-rendered or regrouped, so the provider recognises it by its key. Only rows with no request
    // on file, or one too old to repeat, are screened and rendered now.
    const stored = await loadAttempts(store, rows);
    const open = new Map([...stored].filter(([, attempt]) => isReplayable(attempt, now)));
    const fresh = rows.filter((row) => row.attempt_id === null || !open.has(row.attempt_id));
    for (const row of fresh) {
      if (row.attempt_id !== null)
        log(`[outbox] ${row.template} #${row.id}: its unanswered request is past the provider's key window; sending it anew`);
    }
    const skips = await this.#screen(fresh);
    const prepared: { row: OutboxRow; email: OutboundEmail }[] = [];
    const results: Settled[] = [];
    for (const row of fresh) {
      const skip = skips.get(row.id);
      if (skip) {
        results.push({ id: row.id, values: { status: OutboxStatus.Skipped, last_error: skip, attempt_id: null } });
        continue;
      }
      const rendered = this.#render(row);
      if ('error' in rendered) results.push(this.#settle(row, { ok: false, retryable: false, error: rendered.error }, now));
      else prepared.push({ row, email: rendered.email });
    }
    const attempts = [...open.values(), ...(await recordAttempts(store, this.#group(prepared), now))];
    const byId = new Map(rows.map((row) => [row.id, row]));
    results.push(...(await this.#deliver(attempts, byId, now)));
    // A sequence goes on once a step is settled: sent, failed for good, or skipped by its own condition.
    // It ends when the lead unsubscribed (from everything, or from this sequence) or was suppressed.
    const next = results.flatMap(({ id, values }) => {
      const row = byId.get(id)!;
      const settled = values.status === OutboxStatus.Sent || values.status === OutboxStatus.Failed || values.status === OutboxStatus.Skipped;
      if (!settled || !parseStepTemplate(row.template) || /^(unsubscribed|suppressed)/.test(values.last_error ?? '')) return [];
      const planned = nextStep(this.#options.sequences, JSON.parse(row.payload) as EmailPayload, this.#options.clock());
      return planned ? [planned] : [];
    });
    const touched = [...new Set([...attempts.map((attempt) => attempt.id), ...stored.keys()])];
    // One write for the whole batch (on SQLite shared with the signups of the moment): one disk sync, not one per email.
    await store.write(async (trx) => {
      await settleRows(trx, results, byId);
      if (next.length) {
        await trx
          .insertInto('outbox')
          .values(next)
          .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
          .execute();
      }
      // A request is kept while any row still waits on it; once every row is settled it has served its purpose.
      if (touched.length) {
        await trx
          .deleteFrom('send_attempts')
          .where('id', 'in', touched)
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom('outbox').select('outbox.id').whereRef('outbox.attempt_id', '=', 'send_attempts.id'))),
          )
          .execute();
      }
    });
    reportDeliveries(OutboxKind.Email, results);
    return rows.length;
  }

  /**
   * Why a claimed row must not be sent, looked up for the whole claim at once: a suppressed address
   * gets nothing; an unsubscribed lead no marketing email; a lead who left one sequence (or the
   * newsletter) nothing more of it; a step skips itself by its conditions.
   */
  async #screen(rows: readonly OutboxRow[]): Promise<Map<number, string>> {
    const { store, sequences } = this.#options;
    const skips = new Map<number, string>();
    const leadIds = [...new Set(rows.map((row) => row.lead_id).filter((id): id is number => id !== null))];
    if (leadIds.length === 0) return skips;
    const leads = new Map(
      (
        await store.db
          .selectFrom('leads')
          .select(['id', 'status', 'unsubscribed_at', 'suppressed_reason', 'suppressed_at'])
          .where('id', 'in', leadIds)
          .execute()
      ).map((lead) => [lead.id, lead]),
    );
    // Sequences a lead left from the preference centre (the newsletter is its sequence).
    const left = new Set(
      (await store.db.selectFrom('sequence_opt_outs').select(['lead_id', 'sequence']).where('lead_id', 'in', leadIds).execute()).map(
        (optOut) => `${optOut.lead_id}:${optOut.sequence}`,
      ),
    );
    const downloaded = new Set(
      (await store.db.selectFrom('downloads').select(['lead_id', 'magnet']).distinct().where('lead_id', 'in', leadIds).execute()).map(
        (download) => `${download.lead_id}:${download.magnet}`,
      ),
    );
    for (const row of rows) {
      const lead = row.lead_id === null ? undefined : leads.get(row.lead_id);
      // A sales alert goes to the team, not to the lead: the lead's unsubscribe or suppression does not hold it back.
      if (!lead || row.template === SALES_ALERT_TEMPLATE) continue;
      const step = parseStepTemplate(row.template);
      const marketing = step !== undefined || row.template === 'welcome';
      if (lead.suppressed_at !== null) skips.set(row.id, `suppressed: ${lead.suppressed_reason ?? 'address refused'}`);
      else if (marketing && lead.unsubscribed_at !== null) skips.set(row.id, 'unsubscribed');
      else if (marketing && left.has(`${lead.id}:${sequenceOfTemplate(row.template)}`)) skips.set(row.id, 'unsubscribed from this sequence');
      else if (step) {
        const conditions = sequences.get(step.sequence)?.steps.find((candidate) => candidate.id === step.step)?.skipIf ?? [];
        const magnet = (JSON.parse(row.payload) as EmailPayload).magnet;
        if (conditions.includes('sales-ready') && lead.status === LeadStatus.SalesReady) skips.set(row.id, 'skipped: the lead is sales-ready');
        else if (conditions.includes('not-downloaded') && magnet && !downloaded.has(`${lead.id}:${magnet}`)) {
          skips.set(row.id, 'skipped: the lead has not downloaded the magnet');
        }
      }
    }
    return skips;
  }

  #render(row: OutboxRow): { email: OutboundEmail } | { error: string } {
    const { from, siteUrl, secret, magnets, sequences, consultations, clock } = this.#options;
    try {
      const payload = JSON.parse(row.payload) as EmailPayload;
      const rendered = renderEmail(row.template, payload, { siteUrl, secret, magnets, sequences, consultations, now: clock() });
      return {
        email: { from, to: payload.to, subject: rendered.subject, html: rendered.html, text: rendered.text, headers: rendered.headers ?? {} },
      };
    } catch (error) {
      return { error: `render: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  /** Groups rendered rows into requests: batches of up to the mailer's limit when it takes them, else one email each. */
  #group(prepared: readonly { row: OutboxRow; email: OutboundEmail }[]): AttemptDraft[] {
    const { mailer } = this.#options;
    const size = mailer.sendBatch ? (mailer.batchLimit ?? 100) : 1;
    const drafts: AttemptDraft[] = [];
    for (let start = 0; start < prepared.length; start += size) {
      const chunk = prepared.slice(start, start + size);
      drafts.push({ rows: chunk.map((item) => item.row), emails: chunk.map((item) => item.email) });
    }
    return drafts;
  }

  /**
   * Makes each stored request and settles the claimed rows it carries. A batch refused as malformed
   * sent nothing, so its rows become requests of their own (stored first, like any request): one bad
   * address holds back nothing else.
   */
  async #deliver(attempts: readonly SendAttempt[], claimed: ReadonlyMap<number, OutboxRow>, now: number): Promise<Settled[]> {
    const { mailer, concurrency, store } = this.#options;
    const settled = await mapWithConcurrency(attempts, concurrency, async (attempt) => {
      const outcomes = await this.#request(attempt);
      const members = attempt.outboxIds.flatMap((id, index) => {
        const row = claimed.get(id);
        return row ? [{ row, index }] : [];
      });
      const whole = Array.isArray(outcomes) ? undefined : outcomes;
      if (whole && !whole.ok && whole.invalid && attempt.emails.length > 1 && mailer.sendBatch) {
        const singles = await recordAttempts(
          store,
          members.map(({ row, index }) => ({ rows: [row], emails: [attempt.emails[index]!] })),
          now,
        );
        return this.#deliver(singles, claimed, now);
      }
      // One time for every row of a request, so they come due again together and are claimed together.
      const at = this.#options.clock();
      return members.map(({ row, index }) => this.#settle(row, whole ?? (outcomes as SendOutcome[])[index]!, at));
    });
    return settled.flat();
  }

  /** One stored request, made exactly as stored. */
  async #request(attempt: SendAttempt): Promise<SendOutcome[] | SendOutcome> {
    const { mailer } = this.#options;
    const { emails, idempotencyKey, outboxIds } = attempt;
    if (emails.length > 1 && mailer.sendBatch) return this.#attempt(() => mailer.sendBatch!(emails, idempotencyKey));
    // A transport without batches (the local mailbox) takes the emails one by one; each keeps a key of its own.
    return Promise.all(
      emails.map((email, index) =>
        this.#attempt(() =>
          mailer.send(email, { idempotencyKey: emails.length > 1 ? `${idempotencyKey}/${index}` : idempotencyKey, outboxId: outboxIds[index]! }),
        ),
      ),
    );
  }

  /** Runs a send; a transport that throws is a retryable failure, not a crash of the sender. */
  async #attempt<T>(send: () => Promise<T>): Promise<T | SendOutcome> {
    try {
      return await send();
    } catch (error) {
      return { ok: false, retryable: true, error: `send: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  /** The row's new state after an outcome: sent, back to pending with backoff, or failed with its reason. */
  #settle(row: OutboxRow, outcome: SendOutcome, at: number): Settled {
    const { retry, log } = this.#options;
    if (outcome.ok && outcome.providerId === null)
      log(`[outbox] ${row.template} #${row.id}: the provider had taken this request before; its answer was lost`);
    return settlement(row, outcome, at, retry, log);
  }
}
