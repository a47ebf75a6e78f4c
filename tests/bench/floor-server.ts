/**
 * The bench's floor: plain node:http and the same engine (node:sqlite, WAL, synchronous FULL), one
 * insert per signup and nothing else. Prints its port when listening.
 */
import { createServer } from 'node:http';
import { DatabaseSync } from 'node:sqlite';

const db = new DatabaseSync(process.argv[2]!);
db.exec('PRAGMA journal_mode = WAL');
db.exec('PRAGMA synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS signups (id INTEGER PRIMARY KEY, email TEXT NOT NULL, created_at INTEGER NOT NULL)');
const insert = db.prepare('INSERT INTO signups (email, created_at) VALUES (?, ?)');

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const { email } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { email: string };
    insert.run(email, Date.now());
    response.writeHead(202, { 'Content-Type': 'application/json' });
    response.end('{"status":"accepted"}');
  });
});
server.listen(0, '127.0.0.1', () => console.log(`PORT ${(server.address() as { port: number }).port}`));
