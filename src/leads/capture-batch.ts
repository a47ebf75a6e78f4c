import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { LeadStore } from '../db/database.ts';
import type { Engine } from '../db/database-url.ts';
import type { Database } from '../db/schema.ts';
import { captureOne, newLeadRow, planSignupRows, type CaptureContext, type CaptureResult, type SignupRows } from './capture-lead.ts';
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

/** Lead ids taken from PostgreSQL's sequence at a time, so planning a batch rarely waits for one. */
const ID_BLOCK = 256;

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
      outcomes = engine === 'postgres' ? await this.#writePostgres(batch) : await this.#store.write((trx) => writeBatch(trx, engine, batch));
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

  /**
   * PostgreSQL: the batch's new addresses in one statement, which is its own transaction (one
   * round trip instead of seven: begin, savepoint, three inserts, release, commit); then the rest
   * one by one in a transaction, as on SQLite.
   */
  async #writePostgres(batch: Queued[]): Promise<Outcome[]> {
    const outcomes = await writeNewLeadsAtOnce(this.#store.db, batch, await this.#leadIds(batch.length));
    const rest = batch.filter((_, index) => !outcomes[index]);
    if (rest.length) {
      const written = await this.#store.write((trx) => writeEach(trx, 'postgres', rest));
      let next = 0;
      for (const index of outcomes.keys()) outcomes[index] ??= written[next++];
    }
    return outcomes as Outcome[];
  }

  #freeIds: number[] = [];

  /** `count` unused lead ids from the leads table's own sequence; unused ones leave a gap, as a rolled-back insert does. */
  async #leadIds(count: number): Promise<number[]> {
    while (this.#freeIds.length < count) {
      const { rows } = await sql<{
        id: number;
      }>`select nextval(pg_get_serial_sequence('leads', 'id')) as id from generate_series(1, ${Math.max(count, ID_BLOCK)})`.execute(this.#store.db);
      this.#freeIds.push(...rows.map((row) => Number(row.id)));
    }
    return this.#freeIds.splice(0, count);
  }
}

/** The positions of each address's first signup in the batch: only those can be new; a second one is a known lead by then. */
function firstOfEachAddress(batch: readonly Queued[]): number[] {
  const seen = new Set<string>();
  return [...batch.keys()].filter((index) => !seen.has(batch[index]!.input.email) && seen.add(batch[index]!.input.email));
}

async function writeBatch(trx: Transaction<Database>, engine: Engine, batch: readonly Queued[]): Promise<Outcome[]> {
  // A lone signup fails or succeeds as the whole unit does.
  if (batch.length === 1) return [{ ok: true, value: await captureOne(trx, engine, batch[0]!.input, batch[0]!.context) }];
  const outcomes: (Outcome | undefined)[] = await writeNewLeads(trx, batch);
  const rest = batch.filter((_, index) => !outcomes[index]);
  const written = await writeEach(trx, engine, rest);
  let next = 0;
  for (const index of outcomes.keys()) outcomes[index] ??= written[next++];
  return outcomes as Outcome[];
}

/** Each signup on its own, in the order they came, in a savepoint of its own so one's failure is not another's. */
async function writeEach(trx: Transaction<Database>, engine: Engine, batch: readonly Queued[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const item of batch) {
    await trx.executeQuery(ONE_SAVEPOINT);
    try {
      outcomes.push({ ok: true, value: await captureOne(trx, engine, item.input, item.context) });
      await trx.executeQuery(ONE_RELEASE);
    } catch (error) {
      await trx.executeQuery(ONE_ROLLBACK);
      await trx.executeQuery(ONE_RELEASE);
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}

/** The batch's new addresses, three statements for all of them; their outcomes by position, the rest left undefined. */
async function writeNewLeads(trx: Transaction<Database>, batch: readonly Queued[]): Promise<(Outcome | undefined)[]> {
  const outcomes = new Array<Outcome | undefined>(batch.length);
  const firsts = firstOfEachAddress(batch);
  await trx.executeQuery(BATCH_SAVEPOINT);
  try {
    const inserted = await trx
      .insertInto('leads')
      .values(firsts.map((index) => newLeadRow(batch[index]!.input, batch[index]!.context.now)))
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

/** Every column any of `rows` sets, in a stable order. */
function columnsOf(rows: readonly object[]): string[] {
  return [...new Set(rows.flatMap((row) => Object.keys(row)))];
}

/** `insert into <table> (<columns>) select <columns> from` the rows passed as one JSON parameter. */
function insertFromJson(table: string, rows: readonly object[]) {
  const columns = sql.join(columnsOf(rows).map((column) => sql.ref(column)));
  return sql`insert into ${sql.table(table)} (${columns}) select ${columns} from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb)`;
}

/**
 * PostgreSQL: the batch's new addresses, their touches and their outbox rows in one statement, so
 * one round trip and one commit. Lead ids come planned (`ids`, one per signup), so every row is
 * known before the statement runs; a lead whose address exists is skipped with its rows. The
 * outbox insert has no ON CONFLICT: a taken key fails the whole statement, and each signup is then
 * written on its own. Returns outcomes by position, undefined for signups left to write.
 */
async function writeNewLeadsAtOnce(db: Kysely<Database>, batch: readonly Queued[], ids: readonly number[]): Promise<(Outcome | undefined)[]> {
  const outcomes = new Array<Outcome | undefined>(batch.length);
  const plans = firstOfEachAddress(batch).map((index) => {
    const { input, context } = batch[index]!;
    const lead = { id: ids[index]!, ...newLeadRow(input, context.now) };
    const rows = planSignupRows(input, context, { id: ids[index]!, inserted: true, knownName: null, confirmed: false, emailedToday: 0 });
    return { index, lead, rows };
  });
  const leads = insertFromJson(
    'leads',
    plans.map((plan) => plan.lead),
  );
  const touches = insertFromJson(
    'touches',
    plans.map((plan) => plan.rows.touch),
  );
  const outbox = plans.flatMap((plan) => plan.rows.outbox);
  const outboxInsert = outbox.length
    ? sql`, new_outbox as (${insertFromJson('outbox', outbox)} where lead_id in (select id from new_leads) returning id, idempotency_key)`
    : sql``;
  const outboxIds = outbox.length ? sql` union all select id, idempotency_key from new_outbox` : sql``;
  let returned: { id: number; key: string | null }[];
  try {
    const result = await sql<{ id: number; key: string | null }>`
      with new_leads as (${leads} on conflict (email) do nothing returning id),
      new_touches as (${touches} where lead_id in (select id from new_leads))${outboxInsert}
      select id, null as key from new_leads${outboxIds}`.execute(db);
    returned = result.rows;
  } catch {
    // Nothing of the statement was written; each signup is tried on its own, and reports its own error.
    return outcomes;
  }
  const inserted = new Set(returned.filter((row) => row.key === null).map((row) => Number(row.id)));
  const byKey = new Map(returned.filter((row) => row.key !== null).map((row) => [row.key!, Number(row.id)]));
  for (const { index, rows } of plans) {
    if (!inserted.has(rows.touch.lead_id)) continue;
    const outboxId = rows.firstKey === undefined ? undefined : byKey.get(rows.firstKey);
    outcomes[index] = { ok: true, value: { leadId: rows.touch.lead_id, isNewLead: true, outboxId, awaitingConfirmation: rows.awaitingConfirmation } };
  }
  return outcomes;
}
