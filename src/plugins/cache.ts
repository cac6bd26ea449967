import type { FastifyBaseLogger } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { KvStore } from '../cache/kv-store.js';
import { createMemoryKv } from '../cache/memory-kv.js';
import { createRedisClient, waitForRedis } from '../cache/redis-client.js';
import { createRedisKv } from '../cache/redis-kv.js';
import type { Config } from '../config/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    kv: KvStore;
    /** The Redis client behind `kv` (undefined in embedded mode), for pub/sub and scripts. */
    redis: Redis | undefined;
  }
}

export interface CacheBackbone {
  kv: KvStore;
  redis: Redis | undefined;
}

/**
 * The cache backbone: Redis when REDIS_URL (or REDIS_HOST) is set, otherwise in memory. Redis away at start-up is
 * not fatal (DESIGN §5): the client keeps reconnecting and the service runs without cache until it is back.
 */
export async function openCache(config: Config, log: FastifyBaseLogger): Promise<CacheBackbone> {
  const { redis, orchestratorId } = config;
  if (!redis.url) return { kv: createMemoryKv(), redis: undefined };
  const client = createRedisClient({ url: redis.url, commandTimeoutMs: redis.commandTimeoutMs, log: log as unknown as Logger, connectionName: orchestratorId });
  if (!(await waitForRedis(client, 2_000))) log.warn('redis not reachable at start-up: serving without cache until it is');
  return { kv: createRedisKv(client, redis.keyPrefix), redis: client };
}

export default fp<CacheBackbone>(
  async (app, { kv, redis }) => {
    app.decorate('kv', kv);
    app.decorate('redis', redis);
    app.addHook('onClose', () => kv.close());
  },
  { name: 'cache', dependencies: ['config'] },
);
