import { spawn } from 'node:child_process';

export interface LockHolder {
  /** Ends the other process's transaction (COMMIT) and waits for it to exit; calling it again waits for the same exit. */
  release(): Promise<void>;
}

const HOLDER = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1], { timeout: 10000 });
db.exec('BEGIN IMMEDIATE');
console.log('locked');
process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });
`;

/** Another process that holds the SQLite write lock on `path` (as a worker, a backup or a long admin write would) until released. */
export async function holdWriteLock(path: string): Promise<LockHolder> {
  const child = spawn(process.execPath, ['-e', HOLDER, path], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => String(chunk).includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let released: Promise<void> | undefined;
  return {
    // Once: a test may release while its afterEach releases too, and a second write would hit a closed pipe.
    release() {
      if (!released) {
        child.stdin.write('commit\n');
        released = exited;
      }
      return released;
    },
  };
}
