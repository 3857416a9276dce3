import type { NextFunction, Request, Response } from 'express';
import type { PlatformMetrics } from './platform-metrics';

/** Observes every HTTP request under its route pattern (`/cases/:id`), never the raw path with ids. */
export function httpMetricsMiddleware(metrics: PlatformMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const pattern = (request.route as { path?: string } | undefined)?.path;
      const route = pattern ? `${request.baseUrl}${pattern}` : 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeHttp(request.method, route, response.statusCode, seconds);
    });
    next();
  };
}
