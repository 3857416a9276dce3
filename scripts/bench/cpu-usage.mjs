// CPU time spent during one pass of a measurement by its own processes and by PostgreSQL's and
// Redis's, read from /proc (Linux): what an event costs the machine, and how busy its two cores were.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Linux reports utime and stime in clock ticks of USER_HZ, 100 on every architecture it runs on. */
const TICKS_PER_SECOND = 100;
const SERVERS = { postgres: 'postgres', 'redis-server': 'redis' };

function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Every process of the servers, by pid, with the part of the reading it belongs to. */
function serverProcesses() {
  const found = {};
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const part = SERVERS[readFileSync(`/proc/${entry}/comm`, 'utf8').trim()];
      if (part) found[entry] = part;
    } catch {
      // The process ended while the list was read.
    }
  }
  return found;
}

/** A reading of the CPU seconds of `processes` ({ part: pid }) and of the servers' processes. */
export function readCpu(processes) {
  const parts = { ...serverProcesses() };
  for (const [part, pid] of Object.entries(processes)) if (pid) parts[pid] = part;
  const seconds = {};
  for (const pid of Object.keys(parts)) {
    const used = cpuSeconds(pid);
    if (used !== null) seconds[pid] = used;
  }
  return { at: performance.now(), parts, seconds };
}

/**
 * CPU milliseconds per event for each part between two readings, and the cores busy on average.
 * A process that started in between counts whole; one that ended in between is lost (PostgreSQL's
 * pooled backends and the measured processes live through a pass).
 */
export function cpuPerEvent(before, after, events) {
  const byPart = {};
  for (const [pid, used] of Object.entries(after.seconds)) {
    const part = after.parts[pid];
    byPart[part] = (byPart[part] ?? 0) + used - (before.seconds[pid] ?? 0);
  }
  const wallSeconds = (after.at - before.at) / 1000;
  const total = Object.values(byPart).reduce((sum, used) => sum + used, 0);
  return {
    events,
    wallSeconds,
    coresBusy: total / wallSeconds,
    totalMs: (total * 1000) / events,
    perEventMs: Object.fromEntries(
      Object.entries(byPart)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([part, used]) => [part, (used * 1000) / events]),
    ),
  };
}

/** Two report rows for a pass, and a log line with each process's share of an event's CPU. */
export function reportCpu({ report, log, section, label, cpu }) {
  report.add(section, `${label}: CPU per event, its processes + PostgreSQL + Redis`, cpu.totalMs, 'ms');
  report.add(
    section,
    `${label}: cores busy during the pass`,
    `${cpu.coresBusy.toFixed(2)} of ${availableParallelism()}`,
    '',
  );
  const parts = Object.entries(cpu.perEventMs).map(([part, ms]) => `${part} ${ms.toFixed(1)}`);
  log(`  ${section}: ${label}, CPU ms per event: ${parts.join(', ')}`);
}
