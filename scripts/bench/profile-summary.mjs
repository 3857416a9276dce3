// Summarizes V8 CPU profiles (.cpuprofile, from `npm run bench -- --profile`): self time by
// package and by function, so a slow stage shows where its CPU goes.
// Usage: node scripts/bench/profile-summary.mjs [--window FROM-TO] <file.cpuprofile> [more files]
// --window keeps the samples taken FROM to TO seconds after the profile started (one stage of a run).
import { readFileSync } from 'node:fs';
import path from 'node:path';

function owner(url) {
  if (!url) return '(native / GC / idle)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes('/dist/'))
    return url
      .slice(url.indexOf('/dist/') + 1)
      .split('/')
      .slice(0, 4)
      .join('/');
  return url.startsWith('node:') ? 'node (core)' : url;
}

export function summarizeProfile(file, top = 12, window = undefined) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfTime = new Map();
  const deltas = profile.timeDeltas;
  let at = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    at += deltas[i] ?? 0;
    if (window && (at < window.from * 1e6 || at > window.to * 1e6)) continue;
    selfTime.set(profile.samples[i], (selfTime.get(profile.samples[i]) ?? 0) + (deltas[i] ?? 0));
  }
  const byOwner = new Map();
  const byFunction = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, micros] of selfTime) {
    const { callFrame } = byId.get(id);
    if (callFrame.functionName === '(idle)') {
      idle += micros;
      continue;
    }
    total += micros;
    const who = owner(callFrame.url);
    byOwner.set(who, (byOwner.get(who) ?? 0) + micros);
    const fn = `${callFrame.functionName || '(anonymous)'} ${who}:${callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
  }
  const rank = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({
        name,
        ms: Math.round(micros / 1000),
        share: `${((100 * micros) / total).toFixed(1)}%`,
      }));
  return {
    file: path.basename(file),
    busyMs: Math.round(total / 1000),
    idleMs: Math.round(idle / 1000),
    byOwner: rank(byOwner),
    byFunction: rank(byFunction),
  };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const args = process.argv.slice(2);
  let window;
  if (args[0] === '--window') {
    const [from, to] = args[1].split('-').map(Number);
    window = { from, to };
    args.splice(0, 2);
  }
  for (const file of args) {
    const summary = summarizeProfile(file, 25, window);
    console.log(`\n${summary.file}: busy ${summary.busyMs} ms, idle ${summary.idleMs} ms`);
    console.table(summary.byOwner);
    console.table(summary.byFunction);
  }
}
