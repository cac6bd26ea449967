import jwt from '@fastify/jwt';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { createAuthenticator, type Authenticator } from '../auth/authenticator.js';
import { createVerifiedTokenCache } from '../auth/verified-tokens.js';
import type { Principal, RouteAuth } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import type { Caller } from '../llm/pipeline.js';
import { startSpan } from '../telemetry/spans.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every authenticated request (and for public ones that carried a valid credential). */
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Credentials to principals, the tokens this service issues, and what a principal may spend and call. */
    authenticator: Authenticator;
    /** Who an unauthenticated caller is, if anyone: the dev admin in development, the one user in single-user mode. */
    defaultPrincipal(): Principal | null;
    /** What the LLM pipeline holds a request's principal to (model access, budgets). */
    callerOf(request: FastifyRequest): Caller | null;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}

/** Paths served by other plugins (OpenAPI UI) that are public. */
const PUBLIC_PREFIXES = ['/docs'];

/** `Authorization: Bearer` (OpenAI SDKs), else `x-api-key` (Anthropic SDKs and Claude Code). */
function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim();
  const key = request.headers['x-api-key'];
  if (typeof key === 'string' && key.trim()) return key.trim();
  return undefined;
}

/**
 * Authentication for every route, decided in one hook: routes declare `config.auth` ({ public } or { roles }); the
 * default is "any authenticated principal". A credential is a JWT (HS256 with JWT_SECRET, shared with the
 * Controller, so its tokens for this organisation work here), an API key, or an SSO provider's token
 * (authenticator.ts tells them apart by shape). An API key with its own `rpm` is limited here too.
 */
export default fp(
  async (app) => {
    const { config, services } = app;
    await app.register(jwt, { secret: config.auth.jwtSecret, sign: { algorithm: 'HS256' }, verify: { algorithms: ['HS256'] } });
    const authenticator = createAuthenticator({
      config,
      // Checked tokens are remembered here until they expire (verified-tokens.ts says why not fast-jwt's cache).
      verifyJwt: createVerifiedTokenCache({ verify: (token) => app.jwt.verify<{ exp?: unknown }>(token) }),
      signJwt: (claims, expiresInS) => app.jwt.sign(claims, { expiresIn: expiresInS }),
      apiKeys: services.auth.apiKeys,
      oidc: services.auth.oidc?.verifier ?? null,
      users: services.repos.users,
      revocations: services.auth.revocations,
      userStatus: services.auth.userStatus,
      log: app.log.child({ component: 'auth' }) as unknown as Logger,
    });
    app.decorate('authenticator', authenticator);
    app.decorate('defaultPrincipal', () => authenticator.defaultPrincipal());
    app.decorate('callerOf', (request: FastifyRequest) => (request.principal ? authenticator.caller(request.principal) : null));

    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request) => {
      if (request.is404) return;
      const auth = request.routeOptions.config.auth;
      const isPublic = (auth && 'public' in auth) || PUBLIC_PREFIXES.some((p) => request.url.startsWith(p));
      // A request that carries a credential is always judged by it, even on a public route.
      const token = bearer(request);
      if (token) {
        const got = startSpan('auth.verify_token', {}, () => authenticator.authenticate(token), request.traceContext);
        request.principal = got instanceof Promise ? await got : got;
      } else if (!isPublic) request.principal = authenticator.defaultPrincipal();
      if (isPublic) return;
      if (!request.principal) throw new AppError('UNAUTHORIZED', 'authentication required: send Authorization: Bearer <token or API key>');
      if (auth && 'roles' in auth && !auth.roles.includes(request.principal.role)) {
        throw new AppError('FORBIDDEN', `this needs the ${auth.roles.join(' or ')} role`);
      }
    });
  },
  { name: 'auth', dependencies: ['config', 'services'] },
);
