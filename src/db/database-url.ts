import { resolve } from 'node:path';

export type Engine = 'sqlite' | 'postgres';

export const DEFAULT_DATABASE_URL = 'file:./data/lodestone.db';

export type DatabaseTarget = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

/**
 * `DATABASE_URL` → which engine and where. `file:<path>` (relative to the working directory) is a
 * SQLite file; `postgres://` or `postgresql://` is PostgreSQL. Anything else is refused with a
 * message naming the variable.
 */
export function parseDatabaseUrl(value: string | undefined): DatabaseTarget {
  const raw = value?.trim() || DEFAULT_DATABASE_URL;
  if (raw.startsWith('file:')) {
    const path = raw.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error('DATABASE_URL file: needs a path, like file:./data/lodestone.db');
    return { engine: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      new URL(raw);
    } catch {
      throw new Error('DATABASE_URL is not a valid postgres:// URL');
    }
    return { engine: 'postgres', url: raw };
  }
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL); got "${raw.replace(/\/\/[^@]*@/, '//…@')}"`);
}
