// Child processes of the benchmark: every one is tracked so a failure or Ctrl-C stops them all.
import { fork, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';

const live = new Set();

/** Forks a Node ESM helper with an IPC channel; resolves messages through `next(predicate)`. */
export function forkHelper(script, payload, { logFile } = {}) {
  const child = fork(script, [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.send(payload);
  trackOutput(child, logFile);
  live.add(child);
  const inbox = [];
  const waiters = [];
  child.on('message', (message) => {
    const index = waiters.findIndex((waiter) => waiter.predicate(message));
    if (index >= 0) waiters.splice(index, 1)[0].resolve(message);
    else inbox.push(message);
  });
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      for (const waiter of waiters.splice(0))
        waiter.reject(new Error(`${path.basename(script)} exited (code ${code}, signal ${signal}) before answering`));
      resolve({ code, signal });
    }),
  );
  return {
    child,
    exited,
    next(predicate = () => true) {
      const index = inbox.findIndex(predicate);
      if (index >= 0) return Promise.resolve(inbox.splice(index, 1)[0]);
      return new Promise((resolve, reject) => waiters.push({ predicate, resolve, reject }));
    },
    send: (message) => child.send(message),
    stop: () => stopChild(child),
  };
}

/** Spawns a long-running service process with its output in `logFile`. */
export function spawnProcess(command, args, { env, logFile }) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  trackOutput(child, logFile);
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

function trackOutput(child, logFile) {
  if (logFile) {
    const out = createWriteStream(logFile, { flags: 'a' });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
  } else {
    child.stdout.resume();
    child.stderr.pipe(process.stderr);
  }
}

export function stopChild(child, graceMs = 10_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function stopAll() {
  await Promise.all([...live].map((child) => stopChild(child)));
}
