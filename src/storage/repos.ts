import type { Databases } from './database.js';
import { createAnalyticsRepo } from './monitoring/analytics-repo.js';
import { createPromptTextsRepo } from './monitoring/prompt-texts-repo.js';
import { createQualityRepo } from './monitoring/quality-repo.js';
import { createRequestsRepo } from './monitoring/requests-repo.js';
import { createUsageRepo } from './monitoring/usage-repo.js';
import { createApiKeysRepo } from './orchestrator/api-keys-repo.js';
import { createConversationsRepo } from './orchestrator/conversations-repo.js';
import { createEvaluatorsRepo } from './orchestrator/evaluators-repo.js';
import { createFirewallEventsRepo } from './orchestrator/firewall-events-repo.js';
import { createFirewallPolicyRepo } from './orchestrator/firewall-policy-repo.js';
import { createFirewallRulesRepo } from './orchestrator/firewall-rules-repo.js';
import { createSemanticCacheRepo } from './orchestrator/semantic-cache-repo.js';
import { createPromptLoggingRepo } from './orchestrator/prompt-logging-repo.js';
import { createUsersRepo } from './orchestrator/users-repo.js';

/** Every repository, created once (services.ts) and shared: routes and services never build queries themselves. */
export function createRepos(dbs: Databases, ids: { orgId: string; orchestratorId: string }) {
  const { orchestrator, monitoring } = dbs;
  return {
    users: createUsersRepo(orchestrator.db, ids.orgId),
    apiKeys: createApiKeysRepo(orchestrator.db, ids.orgId),
    conversations: createConversationsRepo(orchestrator.db, ids.orgId),
    firewallRules: createFirewallRulesRepo(orchestrator.db, ids.orgId),
    firewallPolicy: createFirewallPolicyRepo(orchestrator.db, ids.orgId),
    firewallEvents: createFirewallEventsRepo(orchestrator.db, ids.orgId),
    semanticCache: createSemanticCacheRepo(orchestrator.db, ids.orgId),
    requests: createRequestsRepo(monitoring.db, ids.orchestratorId),
    analytics: createAnalyticsRepo(monitoring.db, orchestrator.db, ids.orgId),
    usage: createUsageRepo(monitoring.db, orchestrator.db, ids.orgId),
    promptLogging: createPromptLoggingRepo(orchestrator.db, ids.orgId),
    promptTexts: createPromptTextsRepo(monitoring.db, ids.orgId),
    quality: createQualityRepo(monitoring.db, ids.orgId),
    evaluators: createEvaluatorsRepo(orchestrator.db, ids.orgId),
  };
}

export type Repos = ReturnType<typeof createRepos>;
