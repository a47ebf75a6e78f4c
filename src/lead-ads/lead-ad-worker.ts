import type { Selectable } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import { claimLeased } from '../db/lease-claim.ts';
import type { AdLeadTable } from '../db/schema.ts';
import { captureOne } from '../leads/capture-lead.ts';
import type { SignupForm } from '../leads/signup-forms.ts';
import type { SequenceCatalog } from '../nurture/sequences.ts';
import { DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from '../outbox/backoff.ts';
import { mapWithConcurrency } from '../outbox/map-with-concurrency.ts';
import { RoundsWorker } from '../outbox/send-loop.ts';
import { AdLeadStatus } from './ad-lead-status.ts';
import { fetchMetaLead, type GraphFetch } from './graph-lead.ts';
import type { MetaSettings } from './lead-ads-env.ts';
import { mappingKey, type AdPlatform, type LeadFormMapping } from './lead-form-mapping.ts';
import { mapAdLead, type PlatformLead } from './map-ad-lead.ts';
import { logLine } from '../ops/logger.ts';

type AdLeadRow = Selectable<AdLeadTable>;

export interface LeadAdWorkerOptions {
  store: LeadStore;
  meta: MetaSettings;
  /** The lead-form mappings, keyed `<platform>:<form id>`. */
  mappings: ReadonlyMap<string, LeadFormMapping>;
  /** The site's signup forms, keyed `magnet:<slug>`. */
  forms: ReadonlyMap<string, SignupForm>;
  sequences: SequenceCatalog;
  /** Called after a commit that captured leads: score them and send their emails now. */
  captured?: () => void;
  retry?: RetryPolicy;
  batchSize?: number;
  leaseMs?: number;
  pollMs?: number;
  clock?: () => number;
  log?: (line: string) => void;
}

/** What became of one claimed row. */
type Worked = { row: AdLeadRow; lead: PlatformLead } | { row: AdLeadRow; error: string; retryable: boolean; retryAfterMs?: number };

/**
 * Turns stored lead-ad notifications into leads. Each due row is claimed with a lease; a Meta row's
 * lead is fetched from the Graph API (a read, safe to repeat), a TikTok row carries its lead. Then
 * one transaction writes the lead, its touch, its first email and sequence step (captureOne, as for
 * a site signup) and marks the row captured, guarded by the claim: a worker whose lease lapsed
 * writes nothing, so a lead is captured once however often it is worked. A fetch that fails is
 * retried with backoff; a lead that can never be captured is marked failed with its reason.
 */
export class LeadAdWorker extends RoundsWorker {
  readonly #options: Required<Omit<LeadAdWorkerOptions, 'captured'>> & Pick<LeadAdWorkerOptions, 'captured'>;

  constructor(options: LeadAdWorkerOptions) {
    super(options.pollMs ?? 1_000, options.log ?? logLine, { name: 'lead-ads', batchSize: options.batchSize ?? 16 });
    this.#options = {
      retry: DEFAULT_RETRY_POLICY,
      batchSize: 16,
      // Every fetch of a round timing out, four at a time, with time to spare.
      leaseMs: 60_000,
      pollMs: 1_000,
      clock: Date.now,
      log: logLine,
      ...options,
    };
  }

  async runOnce(now = this.#options.clock()): Promise<number> {
    const rows = await this.#claim(now);
    if (rows.length === 0) return 0;
    const worked = await mapWithConcurrency(rows, 4, (row) => this.#read(row, now));
    let captured = 0;
    for (const item of worked) captured += await this.#settle(item);
    if (captured > 0) this.#options.captured?.();
    return rows.length;
  }

  #claim(now: number): Promise<AdLeadRow[]> {
    const { store, batchSize, leaseMs } = this.#options;
    return store.write((trx) =>
      claimLeased(trx, store.engine, { table: 'ad_leads', waiting: AdLeadStatus.Pending, claimed: AdLeadStatus.Working, now, batchSize, leaseMs }),
    );
  }

  async #read(row: AdLeadRow, now: number): Promise<Worked> {
    if (row.platform === 'tiktok') return { row, lead: JSON.parse(row.payload) as PlatformLead };
    const notification = JSON.parse(row.payload) as { form_id?: string };
    const fetched: GraphFetch = await fetchMetaLead(this.#options.meta, row.platform_lead_id, notification.form_id, now);
    return fetched.ok ? { row, lead: fetched.lead } : { row, error: fetched.error, retryable: fetched.retryable, retryAfterMs: fetched.retryAfterMs };
  }

  /** Writes one row's outcome; returns 1 when it became a lead. */
  async #settle(item: Worked): Promise<number> {
    const { store, mappings, forms, sequences, clock, log } = this.#options;
    const { row } = item;
    const at = clock();
    const claimed = (trx: Parameters<Parameters<LeadStore['write']>[0]>[0]) =>
      trx.updateTable('ad_leads').where('id', '=', row.id).where('status', '=', AdLeadStatus.Working).where('locked_until', '=', row.locked_until);
    if ('error' in item) return this.#fail(row, item.error, item.retryable, item.retryAfterMs, at);
    const mapping = mappings.get(mappingKey(row.platform as AdPlatform, item.lead.formId));
    if (!mapping) return this.#fail(row, `form ${item.lead.formId} has no mapping in content/lead-ads/`, false, undefined, at);
    const mapped = mapAdLead(item.lead, mapping, forms);
    if (!mapped.ok) return this.#fail(row, mapped.error, false, undefined, at);
    const leadId = await store.write(async (trx) => {
      // The claim first: once it is ours in this transaction, no other worker can capture the row.
      const held = await claimed(trx)
        .set({ status: AdLeadStatus.Captured, locked_until: null, last_error: null, captured_at: at })
        .returning('id')
        .executeTakeFirst();
      if (!held) return undefined;
      const result = await captureOne(trx, store.engine, mapped.input, {
        form: mapped.form,
        userAgent: `${row.platform} lead ad`,
        now: at,
        fields: mapped.fields,
        sequences,
      });
      await trx.updateTable('ad_leads').set({ lead_id: result.leadId }).where('id', '=', row.id).execute();
      return result.leadId;
    });
    if (leadId === undefined) {
      log(`[lead-ads] ${row.platform} lead ${row.platform_lead_id}: another worker took it over; left to it`);
      return 0;
    }
    return 1;
  }

  async #fail(row: AdLeadRow, error: string, retryable: boolean, retryAfterMs: number | undefined, at: number): Promise<number> {
    const { store, retry, log } = this.#options;
    const again = retryable && row.attempts < retry.maxAttempts;
    const delay = again ? retryDelay(row.attempts, retry, retryAfterMs) : 0;
    log(
      again
        ? `[lead-ads] ${row.platform} lead ${row.platform_lead_id} will be tried again in ${Math.round(delay / 1000)}s: ${error}`
        : `[lead-ads] ${row.platform} lead ${row.platform_lead_id} failed: ${error}`,
    );
    await store.write((trx) =>
      trx
        .updateTable('ad_leads')
        .set(
          again
            ? { status: AdLeadStatus.Pending, next_attempt_at: at + delay, locked_until: null, last_error: error }
            : { status: AdLeadStatus.Failed, locked_until: null, last_error: error },
        )
        .where('id', '=', row.id)
        .where('status', '=', AdLeadStatus.Working)
        .where('locked_until', '=', row.locked_until)
        .execute(),
    );
    return 0;
  }
}
