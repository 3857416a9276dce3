import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';

/** Finds the queues registered with BullModule by name (the relay routes to names from a table). */
@Injectable()
export class QueueDirectory {
  private readonly cache = new Map<string, Queue>();

  constructor(private readonly moduleRef: ModuleRef) {}

  get(name: string): Queue {
    let queue = this.cache.get(name);
    if (!queue) {
      queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.cache.set(name, queue);
    }
    return queue;
  }
}
