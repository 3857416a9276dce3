// The load generator, in its own process: autocannon at a fixed overall rate over a list of
// requests (path and bearer token, cycled), reporting achieved rate, latency percentiles and errors to the parent.
// Percentiles come from every response's own time: autocannon's built-in histogram, at a fixed
// rate, adds synthetic samples at 1 ms steps for every response (its coordinated-omission
// correction) and it has no p95.
import { createRequire } from 'node:module';
import { percentile } from './stats.mjs';
import { receivePayload } from './payload.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const { url, requests, rate, seconds, connections } = await receivePayload();

const latencies = [];
const statusCounts = {};
let next = 0;
const instance = autocannon({
  url,
  connections,
  overallRate: rate,
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
});
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  latencies.push(responseTime);
  statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
});
const result = await instance;
const ok = Object.entries(statusCounts).filter(([code]) => code.startsWith('2')).reduce((sum, [, n]) => sum + n, 0);
process.send({
  result: {
    targetRate: rate,
    seconds,
    connections,
    responses: latencies.length,
    achievedRate: latencies.length / (result.duration || seconds),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    non2xx: latencies.length - ok,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCounts,
  },
});
process.exit(0);
