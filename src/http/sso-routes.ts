import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OidcIdentity, OidcVerifier } from '../auth/oidc/oidc-verifier.js';
import type { PkceFlow } from '../auth/oidc/pkce-flow.js';
import { AppError } from '../errors/app-error.js';
import { toAppError } from '../errors/error-handler.js';
import { safeError } from '../logger.js';
import { errorSchema } from './schemas.js';

export interface SsoRouteDeps {
  /** The dashboard's sign-in; null when single sign-on is not configured (or has no redirect URI). */
  flow: PkceFlow | null;
  /** Accepts provider tokens as bearer tokens; named in the config answer even when the dashboard flow is off. */
  verifier: OidcVerifier | null;
  /** Finds or creates the user for this identity (keyed by its subject) and issues our own session token. */
  issueSession(identity: OidcIdentity): Promise<{ token: string; expiresAt: Date }>;
  /** Where the dashboard lives; the session arrives in its URL fragment. Default `/`. */
  dashboardPath?: string;
}

const configOut = z.object({ enabled: z.boolean(), issuer: z.string().optional() });

/**
 * "Sign in with SSO" for the dashboard. The callback hands our session token over in the URL fragment
 * (`/#sso_token=…`): browsers never send a fragment to a server, so it reaches no access log, proxy or Referer.
 * Failures go back the same way (`#sso_error=CODE&sso_error_description=…`), since the callback is a top-level
 * browser navigation whose JSON nobody would read.
 */
export function registerSsoRoutes(app: FastifyInstance, deps: SsoRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const dashboard = deps.dashboardPath ?? '/';
  const toDashboard = (fields: Record<string, string>) => `${dashboard}#${new URLSearchParams(fields).toString()}`;

  r.get(
    '/api/v1/auth/sso/config',
    { config: { auth: { public: true } }, schema: { tags: ['auth'], summary: 'Whether the dashboard offers "Sign in with SSO"', response: { 200: configOut } } },
    async () => {
      const issuer = deps.flow?.issuer ?? deps.verifier?.issuer;
      return { enabled: deps.flow !== null, ...(issuer ? { issuer } : {}) };
    },
  );

  r.get(
    '/api/v1/auth/sso/login',
    {
      config: { auth: { public: true } },
      schema: {
        tags: ['auth'],
        summary: 'Start single sign-on: 302 to the identity provider',
        querystring: z.object({ return_to: z.string().max(512).optional().describe('dashboard page to come back to, e.g. #/keys') }),
        response: { '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request, reply) => {
      if (!deps.flow) throw new AppError('NOT_FOUND', 'single sign-on is not configured');
      const { authorizeUrl } = await deps.flow.startLogin({ returnTo: request.query.return_to });
      return reply.header('cache-control', 'no-store').redirect(authorizeUrl, 302);
    },
  );

  r.get(
    '/api/v1/auth/sso/callback',
    {
      config: { auth: { public: true } },
      schema: {
        tags: ['auth'],
        summary: 'The identity provider sends the browser back here; 302 to the dashboard with the session in the URL fragment',
        querystring: z.object({
          code: z.string().max(4096).optional(),
          state: z.string().max(512).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(1000).optional(),
        }),
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { code, state, error, error_description: description } = request.query;
      try {
        if (!deps.flow) throw new AppError('NOT_FOUND', 'single sign-on is not configured');
        // The user declined, or the provider refused us (e.g. a redirect URI it does not know).
        if (error) throw new AppError('UNAUTHORIZED', `the identity provider refused the sign-in (${error}${description ? `: ${description}` : ''})`);
        if (!code || !state) throw new AppError('VALIDATION_ERROR', 'the callback needs code and state');
        const { identity, returnTo } = await deps.flow.finishLogin({ code, state });
        const session = await deps.issueSession(identity);
        request.log.info({ subject: identity.subject, role: identity.role }, 'sso sign-in');
        return reply.redirect(toDashboard({ sso_token: session.token, expires_at: session.expiresAt.toISOString(), return_to: returnTo }), 302);
      } catch (err) {
        const e = asClientError(err, request.log);
        return reply.redirect(toDashboard({ sso_error: e.code, sso_error_description: e.message }), 302);
      }
    },
  );
}

/**
 * What the browser may be told, mapped and logged as the one error handler does (a database that is down is
 * DATABASE_UNAVAILABLE; anything unexpected is INTERNAL_ERROR with no internal words).
 */
function asClientError(err: unknown, log: FastifyBaseLogger): AppError {
  const e = toAppError(err);
  if (e.status >= 500) log.error({ err: safeError(e.cause ?? err), code: e.code }, 'sso sign-in failed');
  else log.info({ code: e.code, status: e.status }, 'sso sign-in refused');
  return e;
}
