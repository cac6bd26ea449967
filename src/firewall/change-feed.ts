import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { subscribeChannel, type ChannelSubscription } from '../cache/redis-subscription.js';

/** What a store kept in Postgres (through its repository) and synced between instances needs besides the repository. */
export interface SyncedStoreOptions {
  log: Logger;
  /** Redis for change notices between instances; without it (embedded) changes are local only. */
  redis?: Redis;
  channel: string;
  reloadIntervalMs: number;
}

export interface ChangeFeedOptions {
  /** Redis for change notices between instances; without it (embedded) changes are local only. */
  redis?: Redis;
  channel: string;
  /** Safety-net reload for a notice lost while Redis was away. */
  reloadIntervalMs: number;
  reload: () => Promise<void>;
  log: Logger;
}

/**
 * Keeps a piece of shared state (the firewall's rules, its policy) the same on every instance: the instance that
 * changes it publishes a notice on a Redis channel and every instance reloads from Postgres; a periodic reload covers
 * notices lost while Redis was away. Postgres stays the source of truth, Redis only says "look again".
 */
export class ChangeFeed {
  private timer: NodeJS.Timeout | undefined;
  private subscription: ChannelSubscription | undefined;

  constructor(private readonly opts: ChangeFeedOptions) {}

  async start(): Promise<void> {
    const { redis, channel, reload, log } = this.opts;
    if (redis) {
      // Every (re)subscription reloads once, catching a notice missed while this instance was not listening.
      this.subscription = subscribeChannel(redis, {
        channel,
        onMessage: () => void reload(),
        onSubscribed: reload,
        onError: (err) => log.warn({ err: err.message, channel }, 'change subscription failed'),
      });
      await this.subscription.started;
    }
    this.timer = setInterval(() => void reload(), this.opts.reloadIntervalMs);
    this.timer.unref();
  }

  /** Tells the other instances to reload. A lost notice is made good by their periodic reload. */
  async notify(): Promise<void> {
    await this.opts.redis?.publish(this.opts.channel, String(Date.now())).catch(() => undefined);
  }

  stop(): void {
    clearInterval(this.timer);
    this.subscription?.close();
  }
}
