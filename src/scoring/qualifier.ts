import type { Transaction } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { HandoffReason } from '../handoff/handoff.ts';
import type { HandoffEvent } from '../handoff/load-handoff.ts';
import { LeadStatus } from '../leads/lead-status.ts';
import { RoundsWorker } from '../outbox/send-loop.ts';
import { DAY_MS } from './lead-events.ts';
import { loadLeadFacts, type FactSources, type ScoredLead } from './lead-facts.ts';
import type { ScoringRules } from './rules.ts';
import { LineKind, scoreLead, type LeadScore } from './score-lead.ts';
import { logLine } from '../ops/logger.ts';

export interface QualifierOptions extends FactSources {
  store: LeadStore;
  rules: ScoringRules;
  /** Queues the hand-off (the CRM webhook, the sales alert) in the qualifier's transaction. */
  handOff?: (trx: Transaction<Database>, event: HandoffEvent) => Promise<void>;
  /** Queues what else a move of a lead's status sets off (conversion events), in the same transaction; returns the rows it queued. */
  moved?: (trx: Transaction<Database>, move: { leadId: number; from: string; to: string; at: number }) => Promise<number>;
  /** Called after a commit that handed a lead off, so the outbox sends it at once. */
  handedOff?: () => void;
  /** Leads scored per transaction. */
  batchSize?: number;
  pollMs?: number;
  clock?: () => number;
  log?: (line: string) => void;
}

/** One move of a lead's status, as written to `qualification_changes`. */
interface Move {
  lead: ScoredLead;
  result: LeadScore;
}

/**
 * Scores every lead that is due (`leads.rescore_at`): a touch or an event sets it in the same
 * transaction that stores them, and scoring clears it, or sets it to the next day while behaviour
 * points are still fading. Each move of a lead's status is recorded with its explanation; a move
 * into sales-ready, and every consultation request, is handed to sales in the same transaction,
 * with an event id that a second scoring of the same facts reproduces, so the outbox keeps it once.
 */
export class Qualifier extends RoundsWorker {
  readonly #options: Required<Omit<QualifierOptions, 'handOff' | 'handedOff' | 'moved'>> & Pick<QualifierOptions, 'handOff' | 'handedOff' | 'moved'>;
  /** Hand-offs queued by the transaction in progress. */
  #queued = 0;

  constructor(options: QualifierOptions) {
    super(options.pollMs ?? 1_000, options.log ?? logLine, { name: 'qualifier', batchSize: options.batchSize ?? 200 });
    this.#options = { batchSize: 200, pollMs: 1_000, clock: Date.now, log: logLine, ...options };
  }

  /** Scores one batch of due leads; returns how many were scored. */
  async runOnce(now = this.#options.clock()): Promise<number> {
    this.#queued = 0;
    const scored = await this.#score(now);
    if (this.#queued > 0) this.#options.handedOff?.();
    return scored;
  }

  #score(now: number): Promise<number> {
    const { store, rules, batchSize } = this.#options;
    return store.write(async (trx) => {
      let due = trx
        .selectFrom('leads')
        .select(['id', 'email', 'status', 'score'])
        .where('rescore_at', '<=', now)
        .orderBy('rescore_at')
        .limit(batchSize);
      // Several instances score side by side on PostgreSQL, each its own leads; SQLite has one writer.
      if (store.engine === 'postgres') due = due.forUpdate().skipLocked();
      const leads = await due.execute();
      if (leads.length === 0) return 0;
      const facts = await loadLeadFacts(trx, leads, this.#options);
      const updates = new Map<string, { score: number; status: string; rescoreAt: number | null; ids: number[] }>();
      const moves: Move[] = [];
      for (const lead of leads) {
        const leadFacts = facts.get(lead.id)!;
        const result = scoreLead(rules, leadFacts, now);
        const rescoreAt = nextScoring(result, leadFacts.lastActivityAt, now);
        const key = `${result.score}|${result.status}|${rescoreAt}`;
        let update = updates.get(key);
        if (!update) updates.set(key, (update = { score: result.score, status: result.status, rescoreAt, ids: [] }));
        update.ids.push(lead.id);
        if (result.status !== lead.status) moves.push({ lead, result });
        else if (result.handoff) await this.#handOff(trx, consultation(lead, result, result.handoff.at));
      }
      // Leads scored alike are written alike: one statement for all of them.
      for (const { score, status, rescoreAt, ids } of updates.values()) {
        await trx.updateTable('leads').set({ score, status, rescore_at: rescoreAt }).where('id', 'in', ids).execute();
      }
      for (const move of moves) await this.#record(trx, move, now);
      return leads.length;
    });
  }

  async #record(trx: Transaction<Database>, { lead, result }: Move, now: number): Promise<void> {
    const change = await trx
      .insertInto('qualification_changes')
      .values({
        lead_id: lead.id,
        from_status: lead.status,
        to_status: result.status,
        score: result.score,
        explanation: JSON.stringify(result.lines.map((line) => line.text)),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (this.#options.moved) this.#queued += await this.#options.moved(trx, { leadId: lead.id, from: lead.status, to: result.status, at: now });
    if (result.status !== LeadStatus.SalesReady) return;
    await this.#handOff(
      trx,
      result.handoff
        ? consultation(lead, result, result.handoff.at)
        : { ...decided(lead, result), eventId: `sales-ready-${lead.id}-${change.id}`, reason: HandoffReason.SalesReady, occurredAt: now },
    );
  }

  async #handOff(trx: Transaction<Database>, event: HandoffEvent): Promise<void> {
    if (!this.#options.handOff) return;
    await this.#options.handOff(trx, event);
    this.#queued++;
  }
}

function decided(lead: ScoredLead, result: LeadScore): Pick<HandoffEvent, 'leadId' | 'qualification' | 'score' | 'explanation'> {
  return { leadId: lead.id, qualification: result.status, score: result.score, explanation: result.lines.map((line) => line.text) };
}

/** A consultation request's hand-off: its id names the request, so scoring the lead again never makes a second one. */
function consultation(lead: ScoredLead, result: LeadScore, requestedAt: number): HandoffEvent {
  return { ...decided(lead, result), eventId: `consultation-${lead.id}-${requestedAt}`, reason: HandoffReason.Consultation, occurredAt: requestedAt };
}

/**
 * When the lead is next due: tomorrow's turn of the day since its last activity while behaviour
 * points still count (they fade by whole days), else never, until a touch or an event comes.
 */
export function nextScoring(result: LeadScore, lastActivityAt: number, now: number): number | null {
  const behaviour = result.lines
    .filter((line) => line.kind !== LineKind.Fit && line.kind !== LineKind.Email)
    .reduce((sum, line) => sum + line.points, 0);
  if (behaviour <= 0 || lastActivityAt <= 0) return null;
  return lastActivityAt + (Math.floor((now - lastActivityAt) / DAY_MS) + 1) * DAY_MS;
}
