/**
 * How long a firewall policy change takes to reach a second instance: two orchestrators on one Postgres and one
 * Redis (as in production), an admin's PATCH on A, and B polled until its engine applies the change. The periodic
 * reload is set to an hour, so only the Redis notice can deliver it. Needs the local Postgres and Redis.
 *   npx tsx scripts/eval/policy-propagation.ts [--changes 30]
 */
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../test/helpers/config.js';
import { createTestDatabase } from '../../test/helpers/postgres.js';
import { REDIS_URL, uniquePrefix } from '../../test/helpers/redis.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};

async function main() {
  const changes = arg('changes', 30);
  const db = await createTestDatabase('propagation');
  const env = { ORCHESTRATOR_DATABASE_URL: db.url, MONITORING_DATABASE_URL: db.url, REDIS_URL, REDIS_KEY_PREFIX: uniquePrefix('prop'), FIREWALL_RULES_RELOAD_S: '3600' };
  const a = await buildApp(testConfig(env), { logger: false });
  const b = await buildApp(testConfig(env), { logger: false });
  try {
    await Promise.all([a.ready(), b.ready()]);
    const login = await a.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'gabriella_admin' } });
    const token = login.json().token as string;
    const samples: number[] = [];
    for (let i = 0; i < changes; i++) {
      const action = i % 2 === 0 ? 'block' : 'log';
      const t0 = performance.now();
      const res = await a.inject({ method: 'PATCH', url: '/api/v1/firewall/policy', headers: { authorization: `Bearer ${token}` }, payload: { pii: { URL: { action } } } });
      if (res.statusCode !== 200) throw new Error(`PATCH answered ${res.statusCode}: ${res.body}`);
      // From the admin's click (the PATCH is sent) to instance B deciding by the new policy.
      while (b.firewall.engine.policy().types.pii.URL!.action !== action) {
        if (performance.now() - t0 > 10_000) throw new Error('instance B never saw the change');
        await new Promise((r) => setImmediate(r));
      }
      samples.push(performance.now() - t0);
    }
    samples.sort((x, y) => x - y);
    const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(1);
    console.log(`policy change → second instance (${changes} changes, PATCH sent on A until B applies it):`);
    console.log(`  p50 ${at(0.5)} ms   p95 ${at(0.95)} ms   max ${samples.at(-1)!.toFixed(1)} ms   (target: within 1,000 ms)`);
  } finally {
    await Promise.all([a.close(), b.close()]);
    await db.drop();
  }
}

await main();
