// Measurement 6: peak resident memory of each service process. The kernel keeps the peak
// (VmHWM in /proc/<pid>/status); we read it at intervals because it is gone once the process exits.
import { readFileSync } from 'node:fs';

function readKb(pid, field) {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export class MemorySampler {
  constructor(intervalMs = 500) {
    this.intervalMs = intervalMs;
    this.processes = new Map();
  }

  watch(name, pid) {
    this.processes.set(name, { pid, peakKb: 0, lastRssKb: 0 });
    this.sample();
    this.timer ??= setInterval(() => this.sample(), this.intervalMs).unref();
  }

  sample() {
    for (const entry of this.processes.values()) {
      const hwm = readKb(entry.pid, 'VmHWM');
      const rss = readKb(entry.pid, 'VmRSS');
      if (hwm !== null) entry.peakKb = Math.max(entry.peakKb, hwm);
      if (rss !== null) entry.lastRssKb = rss;
    }
  }

  /** Peak and last-seen RSS per process, in MB. */
  stop() {
    this.sample();
    clearInterval(this.timer);
    return Object.fromEntries(
      [...this.processes].map(([name, entry]) => [
        name,
        { peakRssMb: entry.peakKb / 1024, lastRssMb: entry.lastRssKb / 1024 },
      ]),
    );
  }
}
