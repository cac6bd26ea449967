import type { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, waitForRedis } from '../../src/cache/redis-client.js';
import { subscribeChannel, type ChannelSubscription } from '../../src/cache/redis-subscription.js';
import { PrivateRedis, uniquePrefix } from '../helpers/redis.js';

/**
 * The one channel subscription every shared store uses (rules, policy, semantic index, key revocations, sign-outs),
 * against a private Redis that is stopped and started: it subscribes again after every reconnect and says so (the
 * caller catches up), and a subscription closed while Redis comes back leaves no unhandled rejection behind (ioredis's
 * own resubscription did: CI failed on "Connection is closed" raised after a test had stopped its gateway).
 */

const log = pino({ level: 'silent' });
const poll = { timeout: 15_000, interval: 25 };

describe('channel subscription across Redis restarts', () => {
  let redis: PrivateRedis;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  const open: ChannelSubscription[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.create();
    process.on('unhandledRejection', onRejection);
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await redis?.stop();
  });

  function listen(channel: string) {
    const client = createRedisClient({ url: redis.url, commandTimeoutMs: 1_000, log });
    const got: string[] = [];
    const state = { subscribed: 0, errors: 0 };
    // The subscription's own connection, kept for the test that closes it at one exact moment.
    let connection: Redis | undefined;
    const duplicate = client.duplicate.bind(client);
    client.duplicate = (...args: Parameters<Redis['duplicate']>) => (connection = duplicate(...args));
    const sub = subscribeChannel(client, {
      channel,
      onMessage: (m) => got.push(m),
      onSubscribed: () => void state.subscribed++,
      onError: () => void state.errors++,
    });
    open.push(sub);
    return { client, sub, got, state, connection };
  }

  it('hears messages, subscribes again after Redis restarts and tells the caller each time', async () => {
    const channel = `${uniquePrefix('sub')}changes`;
    const { client, sub, got, state } = listen(channel);
    await sub.started;
    expect(await waitForRedis(client, 5_000)).toBe(true);
    await expect.poll(() => sub.listening, poll).toBe(true);
    expect(state.subscribed).toBe(1);
    await client.publish(channel, 'before');
    await client.publish(`${channel}:other`, 'not ours');
    await expect.poll(() => got, poll).toEqual(['before']);

    await redis.stop();
    await expect.poll(() => sub.listening, poll).toBe(false);
    await redis.start();
    await expect.poll(() => sub.listening, poll).toBe(true);
    expect(state.subscribed).toBe(2);
    expect(await waitForRedis(client, 10_000)).toBe(true);
    // The main client may still be reconnecting; publish until it goes through.
    await expect.poll(async () => (await client.publish(channel, 'after').catch(() => 0)) > 0 || got.includes('after'), poll).toBe(true);
    await expect.poll(() => got.filter((m) => m === 'after').length, poll).toBeGreaterThan(0);
    client.disconnect();
  });

  it('closed the moment its connection comes back (the service stopping after an outage): no unhandled rejection', async () => {
    for (let round = 0; round < 3; round++) {
      const { client, sub, connection } = listen(`${uniquePrefix('sub')}r${round}`);
      await sub.started;
      await expect.poll(() => sub.listening, poll).toBe(true);
      await redis.stop();
      await expect.poll(() => sub.listening, poll).toBe(false);
      // Closed exactly when its connection is ready again: ioredis's own resubscription (when it was on) had been sent
      // by then and was still waiting for its reply.
      const closedOnReady = new Promise<void>((resolve) =>
        connection!.once('ready', () => {
          sub.close();
          // Gone before any reply is read, as when the process stops under load: what was sent is flushed as failed.
          connection!.stream.destroy();
          client.disconnect();
          resolve();
        }),
      );
      await redis.start();
      await closedOnReady;
    }
    // Rejections surface on a later turn: give them a few.
    await new Promise((r) => setTimeout(r, 200));
    expect(rejections.map((r) => String(r))).toEqual([]);
  });

  it('a catch-up that fails is tried again on the same connection until it succeeds, and only then listens', async () => {
    const channel = `${uniquePrefix('sub')}catchup`;
    const client = createRedisClient({ url: redis.url, commandTimeoutMs: 1_000, log });
    let calls = 0;
    let errors = 0;
    const sub = subscribeChannel(client, {
      channel,
      onMessage: () => undefined,
      onSubscribed: () => {
        calls++;
        if (calls <= 2) throw new Error('reload failed');
      },
      onError: () => void errors++,
    });
    open.push(sub);
    await sub.started;
    expect(sub.listening).toBe(false);
    await expect.poll(() => sub.listening, poll).toBe(true);
    expect(calls).toBe(3);
    expect(errors).toBe(2);
    client.disconnect();
  });

  it('starts with Redis away without waiting for it, and subscribes once it is there', async () => {
    await redis.stop();
    const channel = `${uniquePrefix('sub')}late`;
    const { client, sub, state } = listen(channel);
    await sub.started; // settles on the first failed connect: start-up goes on (DESIGN §5)
    expect(sub.listening).toBe(false);
    await redis.start();
    await expect.poll(() => sub.listening, poll).toBe(true);
    expect(state.subscribed).toBe(1);
    client.disconnect();
  });
});
