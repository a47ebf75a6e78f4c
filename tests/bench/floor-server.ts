/**
 * The bench's floors: plain node:http and a bare insert, one per signup and nothing else, on the
 * same engine Lodestone uses. Prints its port when listening.
 *
 *   node floor-server.ts sqlite-full <file>     node:sqlite, WAL, synchronous=FULL (durable)
 *   node floor-server.ts sqlite-normal <file>   node:sqlite, WAL, synchronous=NORMAL (not durable)
 *   node floor-server.ts postgres <url> <pool>  pg, a pool of that size, one autocommit insert
 */
import { createServer } from 'node:http';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';

const [kind, target, poolSize] = process.argv.slice(2) as [string, string, string | undefined];

const TABLE = 'bench_floor_signups';
let insert: (email: string) => Promise<unknown> | void;
if (kind === 'postgres') {
  const pool = new pg.Pool({ connectionString: target, max: Number(poolSize ?? 10) });
  await pool.query(`create table if not exists ${TABLE} (id bigserial primary key, email text not null, created_at bigint not null)`);
  insert = (email) => pool.query(`insert into ${TABLE} (email, created_at) values ($1, $2)`, [email, Date.now()]);
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
