import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { createFirewallEngine, type Engine } from '../firewall/engine.js';
import { createFirewallGate, type FirewallEventRow } from '../firewall/firewall-gate.js';
import { defaultPolicy, effectivePolicy } from '../firewall/policy.js';
import { createOpenAiModerator } from '../firewall/moderation.js';
import { PolicyStore } from '../firewall/policy-store.js';
import { RuleStore } from '../firewall/rules/rule-store.js';
import { BatchWriter } from '../monitoring/batch-writer.js';
import { firewallEvents } from '../storage/orchestrator/schema.js';
import { jsonRow, recordsetInsert, type JsonRow } from '../storage/recordset-insert.js';

export interface Firewall {
  engine: Engine;
  rules: RuleStore;
  policy: PolicyStore;
  events: BatchWriter<FirewallEventRow, JsonRow<FirewallEventRow>>;
}

declare module 'fastify' {
  interface FastifyInstance {
    firewall: Firewall;
  }
}

/**
 * Scanners, rules and the decision log. The gate joins the LLM pipeline only when FIREWALL_ENABLED; the scan and
 * rule endpoints work either way (an admin can prepare rules before turning the firewall on).
 */
export default fp(
  async (app) => {
    const { config } = app;
    const log = app.log.child({ component: 'firewall' }) as unknown as Logger;
    // Both stores live in Postgres and announce changes on their own Redis channel.
    const synced = (what: string) => ({
      db: app.dbs.orchestrator.db,
      orgId: config.orgId,
      log,
      redis: app.redis,
      channel: `${config.redis.keyPrefix}firewall:${what}:${config.orgId}`,
      reloadIntervalMs: config.firewall.rulesReloadMs,
    });
    const rules = new RuleStore(synced('rules'));
    await rules.start(config.firewall.allowlistTopics);
    const policy = new PolicyStore({
      ...synced('policy'),
      base: effectivePolicy(defaultPolicy({ piiAction: config.firewall.piiAction, publicFigures: config.firewall.publicFigures }), config.firewall.policy),
    });
    await policy.start();
    const engine = createFirewallEngine({
      rules,
      policy: () => policy.current,
      scannerBudgetMs: config.firewall.scannerBudgetMs,
      scannerBudgetMsPerKb: config.firewall.scannerBudgetMsPerKb,
    });
    warmUp(engine);
    const events = new BatchWriter<FirewallEventRow, JsonRow<FirewallEventRow>>({
      name: 'firewall_events',
      encode: jsonRow,
      ...config.recorder,
      write: async (rows) => {
        await app.dbs.orchestrator.db.execute(recordsetInsert(firewallEvents, rows));
      },
      log,
    });
    events.start();
    app.decorate('firewall', { engine, rules, policy, events });
    if (config.firewall.enabled) {
      app.decorate(
        'firewallGate',
        createFirewallGate({
          engine,
          orgId: config.orgId,
          blockOnViolation: config.firewall.blockOnViolation,
          refuseImages: config.firewall.refuseImages,
          record: (row) => events.enqueue(row),
          ...(config.firewall.moderation ? { moderation: { moderator: createOpenAiModerator(config.firewall.moderation), failClosed: config.firewall.moderation.failClosed, log } } : {}),
        }),
      );
    }
    app.addHook('onClose', async () => {
      await rules.stop();
      policy.stop();
      await events.close();
    });
  },
  { name: 'firewall', dependencies: ['config', 'storage', 'cache'] },
);

/**
 * Runs every scanner over a realistic text before the instance takes traffic: the first scan compiles regexes and
 * builds lookup tables, and on a busy machine a cold first scan can overrun the scanner budget and block a healthy
 * prompt (fail closed). Scanning here moves that cost into start-up, before /health/ready says ready.
 */
function warmUp(engine: Engine): void {
  const sample = [
    'Hi, I am Maria Garcia from Santa Clara; mail me at maria.garcia@example.org or call +1 (415) 555-0132.',
    'Deploy with AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY and the token ghp_' + 'x'.repeat(36) + '.',
    'Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, server 10.0.0.12, see https://docs.python.org/3/.',
    'You are an idiot and this build is broken; summarise the Magna Carta in two sentences.',
  ].join('\n');
  for (let i = 0; i < 3; i++) engine.scan(sample);
}

