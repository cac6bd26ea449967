import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import { ACTIONS, DEFAULT_THRESHOLD, KNOWN_TYPES, POLICY_SCANNERS, PolicyError, SCORE_FLOOR, type PolicyScanner } from '../firewall/policy.js';
import type { PolicyState } from '../firewall/policy-store.js';
import { errorSchema } from './schemas.js';

const setting = z
  .object({
    action: z.enum(ACTIONS).optional(),
    threshold: z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1').optional(),
  })
  .strict()
  .refine((s) => s.action !== undefined || s.threshold !== undefined, 'give an action, a threshold or both (null removes the override)');
const typePatches = z.record(z.string().max(100), setting.nullable()).optional();
const patchBody = z
  .object({
    pii: typePatches,
    secrets: typePatches,
    toxicity: typePatches,
    public_figures: z.enum(['allow', 'flag']).nullable().optional(),
  })
  .strict();

const typeRow = z.object({
  type: z.string(),
  action: z.enum(ACTIONS),
  threshold: z.number(),
  default_action: z.enum(ACTIONS),
  default_threshold: z.number(),
  overridden: z.boolean(),
});
const policyOut = z.object({
  pii: z.array(typeRow),
  secrets: z.array(typeRow),
  toxicity: z.array(typeRow),
  public_figures: z.enum(['allow', 'flag']),
  default_public_figures: z.enum(['allow', 'flag']),
  version: z.number(),
  updated_by: z.string().nullable(),
  updated_at: z.string().nullable(),
  actions: z.array(z.string()),
  score_floor: z.number(),
  /** Every secret kind an override may name (secrets lists only `*` and the overridden kinds). */
  secret_kinds: z.array(z.string()),
});

export const firewallPolicyRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.firewall.policy;

  const toWire = (state: PolicyState): z.infer<typeof policyOut> => {
    const base = store.base;
    const rows = (scanner: PolicyScanner) => {
      const overridden = state.overrides.types?.[scanner] ?? {};
      const types = scanner === 'secrets' ? ['*', ...Object.keys(overridden).filter((t) => t !== '*').sort()] : Object.keys(state.policy.types[scanner]);
      return types.map((type) => {
        const fallback = base.types[scanner]['*'] ?? { action: 'block' as const, threshold: DEFAULT_THRESHOLD };
        const d = base.types[scanner][type] ?? fallback;
        const now = state.policy.types[scanner][type] ?? d;
        return { type, action: now.action, threshold: now.threshold, default_action: d.action, default_threshold: d.threshold, overridden: type in overridden };
      });
    };
    return {
      pii: rows('pii'),
      secrets: rows('secrets'),
      toxicity: rows('toxicity'),
      public_figures: state.policy.publicFigures,
      default_public_figures: base.publicFigures,
      version: state.version,
      updated_by: state.updatedBy,
      updated_at: state.updatedAt?.toISOString() ?? null,
      actions: [...ACTIONS],
      score_floor: SCORE_FLOOR,
      secret_kinds: KNOWN_TYPES.secrets.filter((t) => t !== '*'),
    };
  };

  app.get(
    '/api/v1/firewall/policy',
    { schema: { tags: ['firewall'], summary: 'The policy in force: per finding type an action (block, redact, log, off) and a score threshold', response: { 200: policyOut } } },
    async () => toWire(store.snapshot),
  );

  app.patch(
    '/api/v1/firewall/policy',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['firewall'],
        summary: 'Change the action or threshold of finding types (null returns a type to its default); effective on every instance within a second',
        body: patchBody,
        response: { 200: policyOut, '4xx': errorSchema },
      },
    },
    async (request) => {
      const b = request.body;
      try {
        const state = await store.update(
          {
            types: Object.fromEntries(POLICY_SCANNERS.filter((s) => b[s]).map((s) => [s, b[s]!])),
            ...(b.public_figures !== undefined ? { publicFigures: b.public_figures } : {}),
          },
          request.principal?.username ?? null,
        );
        request.log.info({ policy_version: state.version, changed: POLICY_SCANNERS.flatMap((s) => Object.keys(b[s] ?? {}).map((t) => `${s}.${t}`)) }, 'firewall policy changed');
        return toWire(state);
      } catch (err) {
        if (err instanceof PolicyError) {
          const path = `body.${err.path.replace(/^policy\./, '')}`;
          const message = err.message.slice(err.path.length + 2);
          throw new AppError('VALIDATION_ERROR', `${path}: ${message}`, { details: { fields: [{ path, message }] } });
        }
        throw err;
      }
    },
  );

  app.delete(
    '/api/v1/firewall/policy',
    { config: { auth: { roles: ADMINS } }, schema: { tags: ['firewall'], summary: 'Drop every override: the starting configuration applies again', response: { 200: policyOut } } },
    async (request) => {
      const state = await store.reset(request.principal?.username ?? null);
      request.log.info({ policy_version: state.version }, 'firewall policy reset');
      return toWire(state);
    },
  );
};
