import type { Redis } from 'ioredis';

export interface ChannelSubscriptionOptions {
  channel: string;
  onMessage(message: string): void;
  /**
   * After every (re)subscription. What was published while this instance was not listening is lost, so callers catch
   * up here (reload, forget cached verdicts). The subscription counts as listening once this has resolved.
   */
  onSubscribed?(): void | Promise<void>;
  /** A subscription failed (the next reconnect tries again) or its catch-up did (tried again with backoff). */
  onError(err: Error): void;
}

export interface ChannelSubscription {
  /** Subscribed on a live connection, and caught up since. */
  readonly listening: boolean;
  /**
   * Settles once the first SUBSCRIBE has succeeded or failed (not waiting for the catch-up): start-up may wait for it so
   * that nothing published after start is missed.
   */
  readonly started: Promise<void>;
  close(): void;
}

/**
 * The one way this service listens on a Redis channel: a connection of its own (a subscribed connection can send
 * nothing else) that waits for Redis rather than failing fast, and subscribes again itself on every 'ready'.
 * ioredis's autoResubscribe is off on purpose: it re-sends SUBSCRIBE on reconnect with no handler on the promise, so
 * a connection closed in the meantime (Redis restarting, the service stopping) raised an unhandled rejection
 * "Connection is closed", and the caller never learned to catch up on what it missed.
 */
export function subscribeChannel(redis: Redis, opts: ChannelSubscriptionOptions): ChannelSubscription {
  const sub = redis.duplicate({ enableOfflineQueue: true, commandTimeout: undefined, autoResubscribe: false, lazyConnect: true });
  let listening = false;
  let closed = false;
  // Bumped by every close of the connection: a catch-up that finishes after one does not mark a dead link listening.
  let connection = 0;
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));

  sub.on('error', () => undefined); // the main client already logs Redis state changes
  sub.on('close', () => {
    connection++;
    listening = false;
  });
  sub.on('message', (channel: string, message: string) => {
    if (channel === opts.channel) opts.onMessage(message);
  });

  /**
   * The owner's catch-up, tried again with backoff while this connection lasts: a failed one (say, a reload that hit a
   * command timeout at start-up) would otherwise leave the subscription not listening, and the owner not caught up,
   * until Redis happened to reconnect.
   */
  const catchUp = async (at: number, attempt: number): Promise<void> => {
    try {
      await opts.onSubscribed?.();
      if (!closed && at === connection) listening = true;
    } catch (err) {
      if (closed || at !== connection) return;
      opts.onError(err as Error);
      setTimeout(() => void catchUp(at, attempt + 1), Math.min(250 * 2 ** attempt, 30_000)).unref();
    }
  };

  const subscribe = async () => {
    const at = connection;
    try {
      await sub.subscribe(opts.channel);
      markStarted();
      if (closed) return;
      await catchUp(at, 0);
    } catch (err) {
      if (!closed) opts.onError(err as Error);
    } finally {
      markStarted();
    }
  };
  sub.on('ready', () => void subscribe());
  // Not awaited: with Redis away the connection keeps retrying in the background and 'ready' subscribes (DESIGN §5).
  sub.connect().catch((err: unknown) => {
    if (!closed) opts.onError(err as Error);
    markStarted();
  });

  return {
    get listening() {
      return listening;
    },
    started,
    close() {
      closed = true;
      listening = false;
      markStarted();
      sub.disconnect();
    },
  };
}
