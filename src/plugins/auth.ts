import jwt from '@fastify/jwt';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DEV_DEFAULT_USERNAME, DEV_USERS, SINGLE_USER } from '../auth/dev-users.js';
import { ROLES, TOKEN_ISSUER, type Principal, type Role, type RouteAuth } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import { startSpan } from '../telemetry/spans.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every authenticated request (and for public ones that carried a valid token). */
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Verifies a token (header, ?token= or a WebSocket auth message) and returns its principal; throws AppError. */
    principalFromToken(token: string): Principal;
    /** Who an unauthenticated caller is, if anyone: the dev admin in development, the one user in single-user mode. */
    defaultPrincipal(): Principal | null;
    issueToken(p: Omit<Principal, 'via'>): { token: string; expiresAt: Date };
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}

interface Claims {
  sub?: unknown;
  username?: unknown;
  role?: unknown;
  org_id?: unknown;
  full_name?: unknown;
  exp?: unknown;
  iss?: unknown;
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
 * JWT auth for every route, decided in one hook: routes declare `config.auth` ({ public } or { roles }); the
 * default is "any authenticated principal". HS256 with JWT_SECRET, shared with the Controller, so its tokens for
 * this organisation work here; tokens for another organisation are refused.
 */
export default fp(
  async (app) => {
    const { config } = app;
    await app.register(jwt, { secret: config.auth.jwtSecret, sign: { algorithm: 'HS256' }, verify: { algorithms: ['HS256'], cache: 1_000 } });
    const devDefault = DEV_USERS.find((u) => u.username === DEV_DEFAULT_USERNAME)!;

    app.decorate('principalFromToken', (token: string): Principal => {
      let claims: Claims;
      try {
        claims = app.jwt.verify<Claims>(token);
      } catch (err) {
        const expired = (err as { code?: string }).code === 'FAST_JWT_EXPIRED';
        throw new AppError('UNAUTHORIZED', expired ? 'token expired' : 'invalid token');
      }
      if (claims.org_id !== config.orgId) throw new AppError('UNAUTHORIZED', 'token is for another organization');
      if (typeof claims.sub !== 'string' || !ROLES.includes(claims.role as Role)) throw new AppError('UNAUTHORIZED', 'token lacks sub or a known role');
      // A token without an expiry would be good forever: refused, whoever signed it.
      if (typeof claims.exp !== 'number') throw new AppError('UNAUTHORIZED', 'token has no expiry (exp)');
      return {
        userId: claims.sub,
        username: typeof claims.username === 'string' ? claims.username : claims.sub,
        role: claims.role as Role,
        orgId: config.orgId,
        fullName: typeof claims.full_name === 'string' ? claims.full_name : '',
        via: 'token',
        issuedHere: claims.iss === TOKEN_ISSUER,
      };
    });

    app.decorate('defaultPrincipal', (): Principal | null => {
      if (!config.auth.multiUserMode) return { userId: SINGLE_USER.id, username: SINGLE_USER.username, role: SINGLE_USER.role, orgId: config.orgId, fullName: SINGLE_USER.fullName, via: 'single-user' };
      if (config.environment === 'development') return { userId: devDefault.id, username: devDefault.username, role: devDefault.role, orgId: config.orgId, fullName: devDefault.fullName, via: 'dev-default' };
      return null;
    });

    app.decorate('issueToken', (p: Omit<Principal, 'via'>) => {
      const expiresAt = new Date(Date.now() + config.auth.tokenTtlS * 1000);
      const token = app.jwt.sign({ sub: p.userId, username: p.username, role: p.role, org_id: p.orgId, full_name: p.fullName, iss: TOKEN_ISSUER }, { expiresIn: config.auth.tokenTtlS });
      return { token, expiresAt };
    });

    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request) => {
      if (request.is404) return;
      const auth = request.routeOptions.config.auth;
      const isPublic = (auth && 'public' in auth) || PUBLIC_PREFIXES.some((p) => request.url.startsWith(p));
      // A request that carries a token is always judged by it, even on a public route.
      const token = bearer(request);
      if (token) {
        request.principal = startSpan('auth.verify_token', {}, () => app.principalFromToken(token), request.traceContext);
        const pending = app.services.auth.userStatus.check(request.principal);
        if (pending) await pending;
      } else if (!isPublic) request.principal = app.defaultPrincipal();
      if (isPublic) return;
      if (!request.principal) throw new AppError('UNAUTHORIZED', 'authentication required: send Authorization: Bearer <token>');
      if (auth && 'roles' in auth && !auth.roles.includes(request.principal.role)) {
        throw new AppError('FORBIDDEN', `this needs the ${auth.roles.join(' or ')} role`);
      }
    });
  },
  { name: 'auth', dependencies: ['config', 'services'] },
);
