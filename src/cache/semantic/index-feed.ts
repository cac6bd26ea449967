import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { subscribeChannel, type ChannelSubscription } from '../redis-subscription.js';

/** What one instance tells the others about the entries it changed. */
export type IndexChange = { op: 'add' | 'delete'; ids: string[] } | { op: 'clear' };

export interface IndexFeedOptions {
  /** Redis for notices between instances; without it (embedded) only the periodic sync runs. */
  redis?: Redis;
  channel: string;
  /** The safety net for notices lost while Redis was away, and for expiry. */
  syncIntervalMs: number;
  onChange(change: IndexChange): void;
  sync(): Promise<void>;
  log: Logger;
}

/**
 * Keeps every instance's semantic index in step: an instance that stores, deletes or clears entries publishes what
 * changed (ids, not vectors) and the others apply just that, reading the new vectors from Postgres; a full sync of
 * the id list runs on start, on reconnect and periodically. Unlike a "look again" notice, a notice per stored
 * answer costs the others one small query, not a reread of every id (which at a few hundred stores a second would
 * reread the whole table hundreds of times a second). An instance ignores its own notices.
 */
export class IndexFeed {
  private readonly self = randomUUID();
  private subscription: ChannelSubscription | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: IndexFeedOptions) {}

  async start(): Promise<void> {
    const { redis, channel, log } = this.opts;
    if (redis) {
      // Every (re)subscription syncs, catching what was missed while this instance was not listening.
      this.subscription = subscribeChannel(redis, {
        channel,
        onMessage: (message) => this.receive(message),
        onSubscribed: () => this.opts.sync(),
        onError: (err) => log.warn({ err: err.message, channel }, 'semantic cache subscription failed'),
      });
      await this.subscription.started;
    }
    this.timer = setInterval(() => void this.opts.sync(), this.opts.syncIntervalMs);
    this.timer.unref();
  }

  /** Tells the other instances; a lost notice is made good by their periodic sync. */
  async publish(change: IndexChange): Promise<void> {
    await this.opts.redis?.publish(this.opts.channel, JSON.stringify({ from: this.self, ...change })).catch(() => undefined);
  }

  private receive(message: string): void {
    let parsed: (IndexChange & { from?: string }) | undefined;
    try {
      parsed = JSON.parse(message) as IndexChange & { from?: string };
    } catch {
      return;
    }
    if (!parsed || parsed.from === this.self) return;
    if (parsed.op === 'clear') this.opts.onChange({ op: 'clear' });
    else if ((parsed.op === 'add' || parsed.op === 'delete') && Array.isArray(parsed.ids)) {
      this.opts.onChange({ op: parsed.op, ids: parsed.ids.filter((id): id is string => typeof id === 'string') });
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.subscription?.close();
  }
}
