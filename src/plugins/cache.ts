import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { KvStore } from '../cache/kv-store.js';
import { createMemoryKv } from '../cache/memory-kv.js';
import { createRedisClient, waitForRedis } from '../cache/redis-client.js';
import { createRedisKv } from '../cache/redis-kv.js';

declare module 'fastify' {
  interface FastifyInstance {
    kv: KvStore;
    /** The Redis client behind `kv` (undefined in embedded mode), for pub/sub and scripts. */
    redis: Redis | undefined;
  }
}

/** The cache backbone: Redis when REDIS_URL (or REDIS_HOST) is set, otherwise in memory. */
export default fp(
  async (app) => {
    const { redis, orchestratorId } = app.config;
    let kv;
    let client: Redis | undefined;
    if (redis.url) {
      client = createRedisClient({ url: redis.url, commandTimeoutMs: redis.commandTimeoutMs, log: app.log as unknown as Logger, connectionName: orchestratorId });
      if (!(await waitForRedis(client, 2_000))) app.log.warn('redis not reachable at start-up: serving without cache until it is');
      kv = createRedisKv(client, redis.keyPrefix);
    } else {
      kv = createMemoryKv();
    }
    app.decorate('kv', kv);
    app.decorate('redis', client);
    app.addHook('onClose', () => kv.close());
  },
  { name: 'cache', dependencies: ['config'] },
);
