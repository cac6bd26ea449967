import type { Socket } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, waitForRedis } from '../../src/cache/redis-client.js';
import { PrivateRedis, REDIS_URL, uniquePrefix } from '../helpers/redis.js';

/**
 * The service's Redis client against real Redis: commands issued in one turn of the event loop leave in one socket
 * write (a system call each otherwise), every reply still reaches its own caller, and the coalescing survives a
 * reconnect.
 */

const log = pino({ level: 'silent' });

/** Counts the socket's writes to the kernel (_write for one chunk, _writev for a batch). */
function countWrites(socket: Socket): { readonly n: number; restore(): void } {
  const s = socket as Socket & { _write: (...a: unknown[]) => unknown; _writev?: (...a: unknown[]) => unknown };
  const write = s._write;
  const writev = s._writev;
  const counter = { n: 0 };
  s._write = function (this: Socket, ...a: unknown[]) {
    counter.n++;
    return write.apply(this, a);
  };
  if (writev) {
    s._writev = function (this: Socket, ...a: unknown[]) {
      counter.n++;
      return writev.apply(this, a);
    };
  }
  return {
    get n() {
      return counter.n;
    },
    restore() {
      s._write = write;
      if (writev) s._writev = writev;
    },
  };
}

describe('redis client', () => {
  const prefix = uniquePrefix('client');
  const client = createRedisClient({ url: REDIS_URL, commandTimeoutMs: 2_000, log });
  beforeAll(async () => {
    expect(await waitForRedis(client, 5_000)).toBe(true);
  });
  afterAll(async () => {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length) await client.del(...keys);
    client.disconnect();
  });

  it('sends the commands of one turn in one socket write, and each caller gets its own reply', async () => {
    const writes = countWrites(client.stream as Socket);
    try {
      const sets = Array.from({ length: 20 }, (_, i) => client.set(`${prefix}k${i}`, `v${i}`, 'EX', 60));
      expect(writes.n).toBe(0); // corked until the turn ends
      await Promise.all(sets);
      expect(writes.n).toBe(1);
      const gets = await Promise.all(Array.from({ length: 20 }, (_, i) => client.get(`${prefix}k${i}`)));
      expect(gets).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`));
      expect(writes.n).toBe(2);
      // Commands of different turns are not held for each other.
      expect(await client.get(`${prefix}k1`)).toBe('v1');
      expect(await client.get(`${prefix}k2`)).toBe('v2');
      expect(writes.n).toBe(4);
    } finally {
      writes.restore();
    }
  });

  it('an error reply reaches only its own command', async () => {
    await client.set(`${prefix}str`, 'x');
    const [a, b, c] = await Promise.allSettled([client.get(`${prefix}k3`), client.incr(`${prefix}str`), client.get(`${prefix}k4`)]);
    expect(a).toEqual({ status: 'fulfilled', value: 'v3' });
    expect(b.status).toBe('rejected');
    expect(c).toEqual({ status: 'fulfilled', value: 'v4' });
  });
});

describe('redis client across a restart', () => {
  let server: PrivateRedis;
  beforeAll(async () => {
    server = await PrivateRedis.create();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('keeps answering after Redis restarts (no socket left corked)', async () => {
    const client = createRedisClient({ url: server.url, commandTimeoutMs: 1_000, log });
    try {
      expect(await waitForRedis(client, 5_000)).toBe(true);
      await Promise.all([client.set('a', '1'), client.set('b', '2')]);
      await server.stop();
      await expect(client.get('a')).rejects.toThrow();
      await server.start();
      await expect.poll(async () => client.get('missing').then(() => client.status, () => 'failing'), { timeout: 20_000, interval: 200 }).toBe('ready');
      const after = await Promise.all([client.set('c', '3'), client.get('c'), client.set('d', '4')]);
      expect(after).toEqual(['OK', '3', 'OK']);
    } finally {
      client.disconnect();
    }
  });
});
