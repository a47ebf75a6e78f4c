/**
 * The bench's floors: plain node:http and a bare insert, one per signup and nothing else, on the
 * same engine Lodestone uses. Prints its port when listening.
 *
 *   node floor-server.ts sqlite-full <file>     node:sqlite, WAL, synchronous=FULL (durable)
 *   node floor-server.ts sqlite-normal <file>   node:sqlite, WAL, synchronous=NORMAL (not durable)
 *   node floor-server.ts sqlite-rows <file>     synchronous=FULL, and what a signup must store: Lodestone's
 *                                               tables and indexes, and a lead, its touch and its outbox rows
 *   node floor-server.ts postgres <url> <pool>  pg, a pool of that size, one autocommit insert
 *   node floor-server.ts postgres-rows <url> <pool>  the same, storing a signup's rows in one statement
 */
import { createServer } from 'node:http';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { newLeadRow, planSignupRows } from '../../src/leads/capture-lead.ts';
import { newsletterForm } from '../../src/leads/signup-forms.ts';
import { parseSignup } from '../../src/leads/signup-input.ts';
import { loadSequences, type SequenceCatalog } from '../../src/nurture/sequences.ts';

const [kind, target, poolSize] = process.argv.slice(2) as [string, string, string | undefined];

const TABLE = 'bench_floor_signups';
let insert: (email: string) => Promise<unknown> | void;
if (kind === 'postgres') {
  const pool = new pg.Pool({ connectionString: target, max: Number(poolSize ?? 10) });
  await pool.query(`create table if not exists ${TABLE} (id bigserial primary key, email text not null, created_at bigint not null)`);
  insert = (email) => pool.query(`insert into ${TABLE} (email, created_at) values ($1, $2)`, [email, Date.now()]);
} else if (kind === 'postgres-rows') {
  insert = await postgresRowsFloor(target, Number(poolSize ?? 10));
} else if (kind === 'sqlite-rows') {
  insert = await sqliteRowsFloor(target);
} else {
  const db = new DatabaseSync(target);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${kind === 'sqlite-normal' ? 'NORMAL' : 'FULL'}`);
  db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (id INTEGER PRIMARY KEY, email TEXT NOT NULL, created_at INTEGER NOT NULL)`);
  const statement = db.prepare(`INSERT INTO ${TABLE} (email, created_at) VALUES (?, ?)`);
  insert = (email) => void statement.run(email, Date.now());
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', async () => {
    const { email } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { email: string };
    await insert(email);
    response.writeHead(202, { 'Content-Type': 'application/json' });
    response.end('{"status":"accepted"}');
  });
});
server.listen(0, '127.0.0.1', () => console.log(`PORT ${(server.address() as { port: number }).port}`));

/** A floor's signup, and the rows Lodestone's capture code plans for it as lead `leadId`, new, of the newsletter form. */
function signupRows(email: string, sequences: SequenceCatalog, leadId: number) {
  const parsed = parseSignup({ email, consent: true, utm_source: 'bench' });
  if (!parsed.ok) throw new Error(`the floor's signup is invalid: ${JSON.stringify(parsed.errors)}`);
  const now = Date.now();
  const rows = planSignupRows(
    parsed.input,
    { form: newsletterForm, userAgent: undefined, now, sequences },
    { id: leadId, inserted: true, knownName: null, confirmed: false, emailedToday: 0 },
  );
  return { lead: { ...newLeadRow(parsed.input, now), id: leadId }, ...rows };
}

/** A row's columns that have a value, and those values. */
function columnsOf(row: Record<string, unknown>): [string[], SQLInputValue[]] {
  const columns = Object.keys(row).filter((column) => row[column] !== undefined);
  return [columns, columns.map((column) => row[column] as SQLInputValue)];
}

/**
 * The floor of what a signup must store, and nothing else: Lodestone's schema (its migrations: the
 * tables and their indexes), and for each signup the rows its capture code plans (a lead, its touch,
 * its first email and its first nurture step), written in one transaction with one sync, as the
 * FULL floor writes its one row. No cookies, stamp, rate limit, email or scoring.
 */
async function sqliteRowsFloor(file: string): Promise<(email: string) => void> {
  const store = openDatabase({ engine: 'sqlite', path: file });
  await migrateToLatest(store);
  await store.close();
  const sequences = await loadSequences();
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  const statements = new Map<string, StatementSync>();
  const insertRow = (table: string, row: Record<string, unknown>) => {
    const [columns, values] = columnsOf(row);
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    statement.run(...values);
  };
  // The floor's database is its own: lead ids are its own count, so a signup's rows are planned before they are written.
  let lastLeadId = 0;
  return (email) => {
    const planned = signupRows(email, sequences, ++lastLeadId);
    db.exec('BEGIN');
    insertRow('leads', planned.lead);
    insertRow('touches', planned.touch);
    for (const row of planned.outbox) insertRow('outbox', row);
    db.exec('COMMIT');
  };
}

/**
 * The same on PostgreSQL: Lodestone's schema, and each signup's rows in one autocommit statement
 * whose data-modifying CTEs insert the lead, its touch and its outbox rows: one round trip, as the
 * bare floor's insert.
 */
async function postgresRowsFloor(url: string, poolSize: number): Promise<(email: string) => Promise<unknown>> {
  const store = openDatabase({ engine: 'postgres', url });
  await migrateToLatest(store);
  await store.close();
  const sequences = await loadSequences();
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // Lead ids are the floor's own count, as on SQLite (Lodestone takes them ahead from the table's sequence).
  let lastLeadId = 0;
  return (email) => {
    const planned = signupRows(email, sequences, ++lastLeadId);
    const params: SQLInputValue[] = [];
    const valuesOf = (row: Record<string, unknown>) => {
      const [columns, values] = columnsOf(row);
      return `(${columns.join(', ')}) values (${values.map((value) => `$${params.push(value)}`).join(', ')})`;
    };
    const parts = [`lead as (insert into leads ${valuesOf(planned.lead)} returning id)`];
    // Foreign keys are checked at the statement's end, when the lead is there.
    parts.push(`touch as (insert into touches ${valuesOf(planned.touch)})`);
    planned.outbox.forEach((row, index) => parts.push(`outbox_${index} as (insert into outbox ${valuesOf(row)})`));
    return pool.query(`with ${parts.join(', ')} select id from lead`, params);
  };
}
