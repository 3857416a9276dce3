// The load generator, in its own process: autocannon at a fixed overall rate over a list of
// requests (path and bearer token, cycled), reporting achieved rate, latency percentiles and
// errors to the parent.
//
// autocannon rate-limits each connection by a quota per second: a connection sends its quota
// back to back at the start of its second, then waits. Connections opened together share those
// seconds, so one instance at "250 req/s" over 100 connections sends bursts of 100 concurrent
// requests once a second. To approach a steady rate, the load is split over GROUPS autocannon
// instances of a few connections at 2 req/s each, started 1000/GROUPS ms apart.
//
// Percentiles come from every response's own time: autocannon's built-in histogram, at a fixed
// rate, adds synthetic samples at 1 ms steps for every response (its coordinated-omission
// correction), and it has no p95.
import { createRequire } from 'node:module';
import { receivePayload } from './payload.mjs';
import { percentile } from './stats.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const { url, requests, rate, seconds } = await receivePayload();

const GROUPS = 25;
const PER_CONNECTION = 2;
const connectionsPerGroup = Math.max(1, Math.round(rate / (GROUPS * PER_CONNECTION)));
const latencies = [];
const statusCounts = {};
let next = 0;

function group(index) {
  return new Promise((resolve, reject) => {
    setTimeout(
      () => {
        const instance = autocannon(
          {
            url,
            connections: connectionsPerGroup,
            connectionRate: PER_CONNECTION,
            duration: seconds,
            timeout: 10,
            headers: { accept: 'application/json' },
            requests: [
              {
                setupRequest: (request) => {
                  const { path, token } = requests[next % requests.length];
                  next += 1;
                  request.path = path;
                  request.headers = { ...request.headers, authorization: `Bearer ${token}` };
                  return request;
                },
              },
            ],
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        );
        instance.on('response', (_client, statusCode, _bytes, responseTime) => {
          latencies.push(responseTime);
          statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
        });
      },
      Math.round((index * 1000) / GROUPS),
    );
  });
}

const started = Date.now();
const results = await Promise.all(Array.from({ length: GROUPS }, (_, index) => group(index)));
const elapsed = (Date.now() - started) / 1000 - (GROUPS - 1) / GROUPS;
const ok = Object.entries(statusCounts)
  .filter(([code]) => code.startsWith('2'))
  .reduce((sum, [, n]) => sum + n, 0);
process.send({
  result: {
    targetRate: rate,
    seconds,
    connections: GROUPS * connectionsPerGroup,
    responses: latencies.length,
    achievedRate: latencies.length / Math.max(seconds, elapsed),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    non2xx: latencies.length - ok,
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    timeouts: results.reduce((sum, r) => sum + r.timeouts, 0),
    statusCounts,
  },
});
process.exit(0);
