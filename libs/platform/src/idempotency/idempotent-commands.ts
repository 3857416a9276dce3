import { Injectable } from '@nestjs/common';
import { badRequest, unprocessable } from '../http/domain-error';
import { UnitOfWork, type Tx } from '../messaging/unit-of-work';
import type { CommandContext } from './command-context.decorator';
import { IdempotencyRecord } from './idempotency-record.entity';

const KEY_FORMAT = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * The one Idempotency-Key mechanism of every service: a POST that creates something runs through it.
 * Runs a write in one transaction. With an `Idempotency-Key`, the first successful answer is saved
 * in that same transaction (key, user, route, status, body), and a retry by the same user gets it
 * back without running the write again. A per-key advisory lock makes a concurrent retry wait for
 * the first attempt instead of racing it. Failed attempts save nothing, so they may be retried.
 * `afterCommit` (e.g. queueing the background job of a run) follows the commit of a first attempt
 * only: a replayed answer queues nothing new.
 */
@Injectable()
export class IdempotentCommands {
  constructor(private readonly uow: UnitOfWork) {}

  async run<T extends object>(
    context: CommandContext,
    status: number,
    work: (tx: Tx) => Promise<T>,
    afterCommit?: (result: T) => Promise<void>,
  ): Promise<object> {
    const { idempotencyKey: key, user, response } = context;
    // The stored route carries the request's fingerprint: the same key with another body is refused.
    const route = `${context.route} #${context.fingerprint}`;
    if (key === undefined) {
      const body = await this.uow.run(work);
      await afterCommit?.(body);
      response.status(status);
      return body;
    }
    if (!KEY_FORMAT.test(key)) {
      throw badRequest(
        'INVALID_IDEMPOTENCY_KEY',
        'Idempotency-Key must be 1-200 characters of letters, digits, . _ : -',
      );
    }
    const answer = await this.uow.run(async (tx) => {
      await tx.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`idempotency:${user.id}:${key}`]);
      const stored = await tx.manager.findOne(IdempotencyRecord, { where: { userId: user.id, key } });
      if (stored) {
        if (stored.route !== route) {
          throw unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for another request', {
            firstRoute: stored.route.split(' #')[0],
          });
        }
        return { status: stored.responseStatus, body: stored.responseBody, replayed: true, result: undefined };
      }
      const result = await work(tx);
      const body = JSON.parse(JSON.stringify(result)) as object;
      await tx.manager.insert(IdempotencyRecord, {
        userId: user.id,
        key,
        route,
        responseStatus: status,
        responseBody: body,
      });
      return { status, body, replayed: false, result };
    });
    if (answer.result !== undefined) await afterCommit?.(answer.result);
    response.status(answer.status);
    if (answer.replayed) response.header('Idempotent-Replayed', 'true');
    return answer.body;
  }
}
