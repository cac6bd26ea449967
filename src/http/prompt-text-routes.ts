import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import { PROMPT_LOGGING_MODES } from '../monitoring/prompt-text/mode.js';
import { ModeRefused, type ModeState } from '../monitoring/prompt-text/mode-store.js';
import { isDatabaseUnavailable } from '../storage/errors.js';
import { errorSchema } from './schemas.js';

const settingsOut = z.object({
  mode: z.enum(PROMPT_LOGGING_MODES).describe('In force now'),
  chosen: z.enum(PROMPT_LOGGING_MODES).describe('As chosen; `full` without PROMPT_LOGGING_FULL_ALLOWED is in force as masked'),
  source: z.enum(['environment', 'admin']).describe('environment: PROMPT_LOGGING; admin: changed at run time'),
  full_allowed: z.boolean().describe('PROMPT_LOGGING_FULL_ALLOWED'),
  analysts_see_text: z.boolean().describe('PROMPT_LOGGING_ANALYSTS'),
  retention_days: z.number().describe('PROMPT_LOG_RETENTION_DAYS'),
  version: z.number(),
  updated_by: z.string().nullable(),
  updated_at: z.string().nullable(),
});
const changeOut = z.object({ id: z.number(), from: z.string(), to: z.string(), changed_by: z.string().nullable(), changed_by_username: z.string().nullable(), changed_at: z.string() });
const accessOut = z.object({
  id: z.number(),
  action: z.enum(['read', 'delete', 'erase_user']),
  actor_id: z.string(),
  actor_username: z.string(),
  actor_role: z.string(),
  request_id: z.string().nullable(),
  subject_user_id: z.string().nullable(),
  at: z.string(),
});
const page = { limit: z.coerce.number().int().min(1).max(500).default(100), before: z.coerce.number().int().min(1).optional().describe('next_before of the previous page') };

/** A database that does not answer is a 503 with a code, not a 500 (routes never see which database it was). */
async function available<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    throw new AppError('DATABASE_UNAVAILABLE', 'the database is not available', { cause: err, retryAfterS: 5 });
  }
}

/** The prompt logging mode (everyone may see it; admins change it), its audit trails, and deleting one stored text. */
export const promptTextRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = app.services.promptText.service;
  const wire = (s: ModeState & { fullAllowed: boolean; analystsSeeText: boolean; retentionDays: number }) => ({
    mode: s.mode,
    chosen: s.chosen,
    source: s.source,
    full_allowed: s.fullAllowed,
    analysts_see_text: s.analystsSeeText,
    retention_days: s.retentionDays,
    version: s.version,
    updated_by: s.updatedBy,
    updated_at: s.updatedAt?.toISOString() ?? null,
  });

  app.get(
    '/api/v1/prompt-logging',
    { schema: { tags: ['prompt logging'], summary: 'Whether prompt text is stored now, and who may read it (anyone may ask: it is about their prompts too)', response: { 200: settingsOut, '4xx': errorSchema } } },
    async () => wire(service.settings()),
  );

  app.put(
    '/api/v1/prompt-logging',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['prompt logging'],
        summary: 'Change the mode (admin), on every instance at once; the change is recorded. `full` is refused (403) unless PROMPT_LOGGING_FULL_ALLOWED=true',
        body: z.object({ mode: z.enum(PROMPT_LOGGING_MODES) }).strict(),
        response: { 200: settingsOut.extend({ changed: z.boolean() }), '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request) => {
      try {
        const { changed } = await available(() => service.setMode(request.principal!, request.body.mode));
        return { ...wire(service.settings()), changed };
      } catch (err) {
        if (err instanceof ModeRefused) throw new AppError('FORBIDDEN', `body.mode: ${err.message}`);
        throw err;
      }
    },
  );

  app.get(
    '/api/v1/prompt-logging/changes',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['prompt logging'],
        summary: 'Every change of the mode, newest first (admin): who, when, from and to',
        querystring: z.object(page),
        response: { 200: z.object({ changes: z.array(changeOut), next_before: z.number().nullable() }), '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request) => {
      const { limit, before } = request.query;
      const rows = await available(() => service.changes(limit, before));
      return {
        changes: rows.map((c) => ({ id: c.id, from: c.fromMode, to: c.toMode, changed_by: c.changedBy, changed_by_username: c.changedByUsername, changed_at: c.changedAt.toISOString() })),
        next_before: rows.length === limit ? rows.at(-1)!.id : null,
      };
    },
  );

  app.get(
    '/api/v1/prompt-logging/access',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['prompt logging'],
        summary: 'The audit trail of stored text, newest first (admin): every read (who, when, which request), deletion and user erasure',
        querystring: z.object({ ...page, request_id: z.string().max(128).optional(), actor_id: z.string().max(200).optional() }),
        response: { 200: z.object({ entries: z.array(accessOut), next_before: z.number().nullable() }), '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await available(() => service.accessLog({ limit: q.limit, before: q.before, requestId: q.request_id, actorId: q.actor_id }));
      return {
        entries: rows.map((e) => ({
          id: e.id,
          action: e.action,
          actor_id: e.actorId,
          actor_username: e.actorUsername,
          actor_role: e.actorRole,
          request_id: e.requestId,
          subject_user_id: e.subjectUserId,
          at: e.at.toISOString(),
        })),
        next_before: rows.length === q.limit ? rows.at(-1)!.id : null,
      };
    },
  );

  app.delete(
    '/api/v1/analytics/prompts/:request_id/text',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['prompt logging'],
        summary: "Delete one request's stored text (admin); its record stays. Recorded in the audit trail",
        params: z.object({ request_id: z.string().min(1).max(128) }),
        response: { 200: z.object({ deleted: z.literal(true), request_id: z.string() }), '4xx': errorSchema, '5xx': errorSchema },
      },
    },
    async (request) => {
      const { request_id } = request.params;
      if (!(await available(() => service.remove(request.principal!, request_id)))) throw new AppError('NOT_FOUND', `no stored text for request ${request_id}`);
      return { deleted: true as const, request_id };
    },
  );
};
