import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import {
  INBOX_QUEUES,
  queueKeyPrefix,
  REGISTRY_BATCH_QUEUE,
  SLA_TIMER_QUEUES,
  TIMER_QUEUES,
} from '@koperasi/contracts';
import { createRedisClient } from '@koperasi/platform';
import { UsersService } from '../accounts/users.service';
import type { ConsoleConfig } from '../config';
import { translate } from '../i18n/dictionary';

export const QUEUE_BOARD_PATH = '/admin/antrean';

/** bull-board's own page runs inline scripts and styles: a looser policy for its path only. */
const BOARD_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

/**
 * Mounts bull-board (every queue of the city) behind the admin role: bull-board has no
 * authentication of its own, so the session is checked here before any of its routes.
 */
export function mountQueueBoard(app: INestApplication, config: ConsoleConfig): () => Promise<void> {
  // One connection for the board's queues (a cluster client on a Redis Cluster), closed with them.
  const connection = createRedisClient(config, { maxRetriesPerRequest: null });
  const names = [
    ...Object.values(INBOX_QUEUES),
    ...Object.values(TIMER_QUEUES),
    ...Object.values(SLA_TIMER_QUEUES),
    REGISTRY_BATCH_QUEUE,
  ];
  const queues = names.map(
    (name) => new Queue(name, { connection, prefix: queueKeyPrefix(config.QUEUE_PREFIX, name) }),
  );
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter });

  const users = app.get(UsersService);
  const adminOnly = async (request: Request, response: Response, next: NextFunction) => {
    const user = request.session.userId ? await users.findById(request.session.userId) : null;
    if (!user || !user.active) {
      return response.redirect(303, `/masuk?kembali=${encodeURIComponent(request.originalUrl)}`);
    }
    if (!user.roles.includes('admin')) {
      return response.status(403).render('pages/error', {
        lang: user.language,
        user,
        title: translate(user.language, 'error.title'),
        message: translate(user.language, 'error.forbidden'),
      });
    }
    response.setHeader('Content-Security-Policy', BOARD_CSP);
    next();
  };
  app.use(QUEUE_BOARD_PATH, adminOnly, serverAdapter.getRouter());
  return async () => {
    await Promise.all(queues.map((queue) => queue.close()));
    connection.disconnect();
  };
}
