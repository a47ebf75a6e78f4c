/**
 * CPU time spent by processes, read from Linux's /proc: what bounds the capture bench's throughput
 * on a small machine, where the load, the server and the database share the cores. Undefined where
 * /proc cannot be read (another system).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU counters: 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

/** Milliseconds of CPU (user and system, every thread) the process has used, or undefined. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Milliseconds of CPU every PostgreSQL process on this machine has used (backends and the server's own), or undefined. */
export function postgresCpuMs(): number | undefined {
  let total: number | undefined;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let command: string;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!command.startsWith('postgres')) continue;
    const used = processCpuMs(Number(pid));
    if (used !== undefined) total = (total ?? 0) + used;
  }
  return total;
}
