// The printed table and the JSON file under bench/results/ carry the same figures.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from '../services.mjs';
import { round } from './stats.mjs';

export class Report {
  constructor(scale) {
    this.scale = scale;
    this.startedAt = new Date();
    this.rows = [];
    this.details = {};
    this.notMeasured = {};
  }

  /** One figure of the table: `target` is a human-readable aim, never an assertion. */
  add(section, figure, value, unit, target = '') {
    this.rows.push({
      section,
      figure,
      value: typeof value === 'number' ? round(value, value < 10 ? 2 : 1) : value,
      unit,
      target,
    });
  }

  detail(section, data) {
    this.details[section] = data;
  }

  skip(section, reason) {
    this.notMeasured[section] = reason;
    this.rows.push({ section, figure: 'not measured', value: reason, unit: '', target: '' });
  }

  machine(extra) {
    this.machineInfo = {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      loadAverageAtStart: os.loadavg().map((v) => round(v, 2)),
      node: process.version,
      ...extra,
    };
  }

  print() {
    const header = {
      section: 'measurement',
      figure: 'figure',
      value: 'value',
      unit: 'unit',
      target: 'target (not asserted)',
    };
    const rows = [
      header,
      ...this.rows.map((row) => ({ ...row, value: row.value === null ? 'n/a' : String(row.value) })),
    ];
    const widths = Object.fromEntries(
      Object.keys(header).map((key) => [key, Math.min(60, Math.max(...rows.map((row) => String(row[key]).length)))]),
    );
    const line = (row) =>
      Object.keys(header)
        .map((key) => {
          const text = String(row[key]).slice(0, widths[key]);
          return key === 'value' ? text.padStart(widths[key]) : text.padEnd(widths[key]);
        })
        .join(' | ');
    console.log(`\nBenchmark, scale ${this.scale}, ${this.startedAt.toISOString()}`);
    console.log(line(header));
    console.log(
      Object.values(widths)
        .map((w) => '-'.repeat(w))
        .join('-|-'),
    );
    for (const row of rows.slice(1)) console.log(line(row));
  }

  write() {
    const directory = path.join(root, 'bench', 'results');
    mkdirSync(directory, { recursive: true });
    const stamp = this.startedAt.toISOString().replace(/[:.]/g, '-');
    const file = path.join(directory, `${stamp}-${this.scale}.json`);
    const body = {
      scale: this.scale,
      startedAt: this.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: this.machineInfo,
      figures: this.rows,
      notMeasured: this.notMeasured,
      details: this.details,
    };
    writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
    return file;
  }
}
