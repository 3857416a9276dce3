import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformMetrics } from './platform-metrics';

/** Observes every HTTP request under its route pattern (`/cases/:id`), never the raw path with ids. */
export function httpMetricsHook(metrics: PlatformMetrics) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    metrics.observeHttp(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1e3,
    );
    done();
  };
}
