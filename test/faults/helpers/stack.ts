import { startFakeController } from '../../helpers/fake-controller.js';
import { startFakeOpenAi, type FakeOpenAi, type FakeStep } from '../../helpers/fake-openai.js';
import { productionEnv } from './instance.js';
import { PgCluster } from './pg-cluster.js';
import { onCleanup } from './procs.js';
import { RedisServer } from './redis-server.js';

export interface Stack {
  orchestratorPg: PgCluster;
  monitoringPg: PgCluster;
  orchestratorDb: string;
  monitoringDb: string;
  redis: RedisServer;
  fake: FakeOpenAi;
  /** The production environment of an instance of this stack, with `extra` laid over it. */
  env(extra?: Record<string, string>): Record<string, string>;
}

/** An answer that takes a little while (so requests and streams are in flight when a fault strikes). */
export const SLOW_ANSWER: FakeStep = { kind: 'answer', chunkDelayMs: 100 };

/**
 * What one fault scenario runs against: the orchestrator and monitoring databases on two Postgres clusters of their
 * own (so either can be stopped alone), a Redis of its own, the fake OpenAI upstream and the fake Controller, all
 * in this process or as children, all removed by cleanupAll().
 */
export async function startStack(): Promise<Stack> {
  const [orchestratorPg, monitoringPg, redis, fake, controller] = await Promise.all([
    PgCluster.create('orchestrator'),
    PgCluster.create('monitoring'),
    RedisServer.create(),
    startFakeOpenAi({ defaultStep: SLOW_ANSWER, models: ['gpt-4o-mini', 'gpt-4o'] }),
    startFakeController(),
  ]);
  onCleanup('fake openai', () => fake.close());
  onCleanup('fake controller', () => controller.close());
  const [orchestratorDb, monitoringDb] = await Promise.all([
    orchestratorPg.createDatabase('orchestrator_faults'),
    monitoringPg.createDatabase('monitoring_faults'),
  ]);
  return {
    orchestratorPg,
    monitoringPg,
    orchestratorDb,
    monitoringDb,
    redis,
    fake,
    env: (extra = {}) => ({
      ...productionEnv({ orchestratorDb, monitoringDb, redisUrl: redis.url, openaiBaseUrl: fake.baseURL, controllerUrl: controller.url }),
      ...extra,
    }),
  };
}
