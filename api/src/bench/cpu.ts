import fs from 'node:fs';

/**
 * CPU time of processes from /proc (Linux): the app's, and the database server's (the
 * postmaster and all its backends), so a step can say how many CPU milliseconds a request
 * costs in the app and in PostgreSQL. Null where /proc is not readable.
 */

/** Linux reports utime/stime in clock ticks of USER_HZ, which is 100 on every mainstream platform. */
const TICKS_PER_SECOND = 100;

interface ProcessTimes {
  parent: number;
  cpuMs: number;
}

function processTimes(pid: number): ProcessTimes | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; the fields after it are positional.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return { parent: Number(fields[1]), cpuMs: ((utime + stime) * 1000) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** CPU milliseconds per process, read at one moment. */
export type CpuReading = Map<number, number>;

export function processCpu(pid: number): CpuReading | null {
  const times = processTimes(pid);
  return times ? new Map([[pid, times.cpuMs]]) : null;
}

/** CPU of a PostgreSQL server: the postmaster and every process it started (backends, workers). */
export function serverCpu(postmasterPid: number): CpuReading | null {
  const own = processTimes(postmasterPid);
  if (!own) return null;
  const reading: CpuReading = new Map([[postmasterPid, own.cpuMs]]);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const times = processTimes(Number(entry));
    if (times?.parent === postmasterPid) reading.set(Number(entry), times.cpuMs);
  }
  return reading;
}

/** The parent of a process (for a PostgreSQL backend: its postmaster), or null where /proc does not show it. */
export function parentOf(pid: number): number | null {
  return processTimes(pid)?.parent ?? null;
}

/** The postmaster's pid from a data directory's postmaster.pid. */
export function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * CPU milliseconds used between two readings, per request. A process started in between counts
 * from zero; one that ended in between is left out (its last CPU time is gone with it), so the
 * figure can be a little low, never negative.
 */
export function perRequest(before: CpuReading | null, after: CpuReading | null, requests: number): number | null {
  if (before === null || after === null || requests === 0) return null;
  let used = 0;
  for (const [pid, cpuMs] of after) used += cpuMs - (before.get(pid) ?? 0);
  return Math.round((used / requests) * 100) / 100;
}
