import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.js';
import { authRoutes } from './auth-routes.js';
import { cacheRoutes } from './cache-routes.js';
import { conversationRoutes } from './conversation-routes.js';
import { firewallPolicyRoutes } from './firewall-policy-routes.js';
import { firewallRoutes } from './firewall-routes.js';
import { guiRoutes } from './gui-routes.js';
import { healthRoutes } from './health.js';
import { keyRoutes } from './key-routes.js';
import { registerSsoRoutes } from './sso-routes.js';
import { usageRoutes } from './usage-routes.js';
import { monitoringRoutes } from './monitoring-routes.js';
import { requestLogRoutes } from './request-log-routes.js';
import { promptTextRoutes } from './prompt-text-routes.js';
import { qualityRoutes } from './quality-routes.js';
import { promptRoutes } from './llm-prompt.js';
import { openAiRoutes } from './openai-compat.js';
import { anthropicCountRoutes, anthropicRoutes } from './anthropic-messages.js';
import { embeddingsRoutes } from './embeddings.js';
import { testWebsocketRoutes } from './test-websocket.js';

/** Every HTTP capability, registered in one list. */
export async function registerRoutes(app: FastifyInstance) {
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(keyRoutes);
  await app.register(usageRoutes);
  const sso = app.services.auth.oidc;
  registerSsoRoutes(app, {
    flow: sso?.flow ?? null,
    verifier: sso?.verifier ?? null,
    // The provider vouched for the person: the user is made on first sight, then gets one of our own tokens.
    issueSession: async (identity) => {
      const user = await app.authenticator.provision(identity);
      if (!user.isActive) throw new AppError('UNAUTHORIZED', 'this user is deactivated');
      await app.repos.users.touchLogin(user.id);
      return app.authenticator.issueToken({ userId: user.id, username: user.username, role: user.role, orgId: user.orgId, fullName: user.fullName }, user.tokenVersion);
    },
  });
  await app.register(promptRoutes);
  // The OpenAI (and Anthropic) APIs answer with and without the /v1 prefix, as clients' base URLs differ.
  for (const prefix of ['/v1', '']) {
    await app.register(openAiRoutes, { prefix });
    await app.register(embeddingsRoutes, { prefix });
    await app.register(anthropicRoutes, { prefix });
    await app.register(anthropicCountRoutes, { prefix });
  }
  await app.register(cacheRoutes);
  await app.register(firewallRoutes);
  await app.register(firewallPolicyRoutes);
  await app.register(monitoringRoutes);
  await app.register(requestLogRoutes);
  await app.register(promptTextRoutes);
  await app.register(qualityRoutes);
  await app.register(conversationRoutes);
  await app.register(testWebsocketRoutes);
  await app.register(guiRoutes);
}
