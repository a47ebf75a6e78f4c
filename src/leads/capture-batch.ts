import { CompiledQuery, type Transaction } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import type { Engine } from '../db/database-url.ts';
import type { Database } from '../db/schema.ts';
import { captureOne, planSignupRows, type CaptureContext, type CaptureResult, type SignupRows } from './capture-lead.ts';
import { LeadStatus } from './lead-status.ts';
import type { SignupInput } from './signup-input.ts';

/** Most signups written by one batch: every row stays far inside both engines' limit on bound values. */
const MAX_BATCH = 200;

const BATCH_SAVEPOINT = CompiledQuery.raw('savepoint capture_batch');
const BATCH_RELEASE = CompiledQuery.raw('release savepoint capture_batch');
const BATCH_ROLLBACK = CompiledQuery.raw('rollback to savepoint capture_batch');
const ONE_SAVEPOINT = CompiledQuery.raw('savepoint capture_one');
const ONE_RELEASE = CompiledQuery.raw('release savepoint capture_one');
const ONE_ROLLBACK = CompiledQuery.raw('rollback to savepoint capture_one');

interface Queued {
  input: SignupInput;
  context: CaptureContext;
  resolve: (result: CaptureResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: CaptureResult } | { ok: false; error: unknown };

const batches = new WeakMap<LeadStore, CaptureBatch>();

/** The one capture batch of a store. */
export function captureBatchOf(store: LeadStore): CaptureBatch {
  let batch = batches.get(store);
  if (!batch) batches.set(store, (batch = new CaptureBatch(store)));
  return batch;
}

/**
 * Writes the signups of one moment together, in one unit of work: the new addresses among them
 * with one statement per table (leads, touches, outbox) instead of three per signup; every other
 * signup (a known address, the same address twice) one by one after them, in the order they came,
 * each in a savepoint of its own. If the shared statements fail, each signup is written on its own,
 * so one signup's problem never becomes another's.
 */
export class CaptureBatch {
  readonly #store: LeadStore;
  #queue: Queued[] = [];
  #scheduled = false;

  constructor(store: LeadStore) {
    this.#store = store;
  }

  add(input: SignupInput, context: CaptureContext): Promise<CaptureResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, context, resolve, reject });
      if (this.#scheduled) return;
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const queued = this.#queue;
    this.#queue = [];
    for (let start = 0; start < queued.length; start += MAX_BATCH) void this.#write(queued.slice(start, start + MAX_BATCH));
  }

  async #write(batch: Queued[]): Promise<void> {
    const { engine } = this.#store;
    let outcomes: Outcome[];
    try {
      outcomes = await this.#store.write((trx) => writeBatch(trx, engine, batch));
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}

async function writeBatch(trx: Transaction<Database>, engine: Engine, batch: readonly Queued[]): Promise<Outcome[]> {
  // A lone signup fails or succeeds as the whole unit does.
  if (batch.length === 1) return [{ ok: true, value: await captureOne(trx, engine, batch[0]!.input, batch[0]!.context) }];
  const outcomes: (Outcome | undefined)[] = await writeNewLeads(trx, batch);
  for (const [index, item] of batch.entries()) {
    if (outcomes[index]) continue;
    await trx.executeQuery(ONE_SAVEPOINT);
    try {
      outcomes[index] = { ok: true, value: await captureOne(trx, engine, item.input, item.context) };
      await trx.executeQuery(ONE_RELEASE);
    } catch (error) {
      await trx.executeQuery(ONE_ROLLBACK);
      await trx.executeQuery(ONE_RELEASE);
      outcomes[index] = { ok: false, error };
    }
  }
  return outcomes as Outcome[];
}

/** The batch's new addresses, three statements for all of them; their outcomes by position, the rest left undefined. */
async function writeNewLeads(trx: Transaction<Database>, batch: readonly Queued[]): Promise<(Outcome | undefined)[]> {
  const outcomes = new Array<Outcome | undefined>(batch.length);
  // Only an address's first signup in the batch can be new; a second one is a known lead by then.
  const seen = new Set<string>();
  const firsts = [...batch.keys()].filter((index) => !seen.has(batch[index]!.input.email) && seen.add(batch[index]!.input.email));
  await trx.executeQuery(BATCH_SAVEPOINT);
  try {
    const inserted = await trx
      .insertInto('leads')
      .values(
        firsts.map((index) => {
          const { input, context } = batch[index]!;
          return { email: input.email, name: input.name ?? null, status: LeadStatus.Active, created_at: context.now, updated_at: context.now };
        }),
      )
      .onConflict((conflict) => conflict.column('email').doNothing())
      .returning(['id', 'email'])
      .execute();
    const ids = new Map(inserted.map((row) => [row.email, row.id]));
    const fresh = firsts.filter((index) => ids.has(batch[index]!.input.email));
    const plans = new Map<number, SignupRows>(
      fresh.map((index) => {
        const { input, context } = batch[index]!;
        return [
          index,
          planSignupRows(input, context, { id: ids.get(input.email)!, inserted: true, knownName: null, confirmed: false, emailedToday: 0 }),
        ];
      }),
    );
    if (plans.size) {
      await trx
        .insertInto('touches')
        .values([...plans.values()].map((plan) => plan.touch))
        .execute();
      const rows = [...plans.values()].flatMap((plan) => plan.outbox);
      const written = rows.length
        ? await trx
            .insertInto('outbox')
            .values(rows)
            .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
            .returning(['id', 'idempotency_key'])
            .execute()
        : [];
      const byKey = new Map(written.map((row) => [row.idempotency_key, row.id]));
      for (const [index, plan] of plans) {
        // A first email whose key was taken is never skipped: everything goes back, and each signup is written on its own.
        if (plan.firstKey !== undefined && !byKey.has(plan.firstKey)) throw new Error(`outbox key ${plan.firstKey} is already taken`);
        const outboxId = plan.firstKey === undefined ? undefined : byKey.get(plan.firstKey);
        outcomes[index] = {
          ok: true,
          value: { leadId: plan.touch.lead_id, isNewLead: true, outboxId, awaitingConfirmation: plan.awaitingConfirmation },
        };
      }
    }
    await trx.executeQuery(BATCH_RELEASE);
    return outcomes;
  } catch {
    await trx.executeQuery(BATCH_ROLLBACK);
    await trx.executeQuery(BATCH_RELEASE);
    return new Array<Outcome | undefined>(batch.length);
  }
}
