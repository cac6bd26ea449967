import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS, ANALYSTS } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import type { ScanKind } from '../firewall/engine.js';
import { eventRow } from '../firewall/firewall-gate.js';
import { InvalidRuleError, type Rule } from '../firewall/rules/compile.js';
import { errorSchema } from './schemas.js';

const scanBody = z.object({ content: z.string().max(1_000_000, 'must be at most 1,000,000 characters') });
const finding = z.object({
  scanner: z.string(),
  type: z.string(),
  start: z.number(),
  end: z.number(),
  score: z.number(),
  masked: z.string(),
  /** What the policy does with this finding. */
  action: z.enum(['block', 'redact', 'log']),
  public_figure: z.boolean().optional(),
});
const scanReport = z.object({
  scan_id: z.string(),
  allowed: z.boolean(),
  decision: z.enum(['allow', 'block', 'redact']),
  risk_level: z.string(),
  reasons: z.array(z.string()),
  findings: z.array(finding),
  mode: z.enum(['blocklist', 'allowlist']),
  scan_time_ms: z.number(),
  scanner_timings_ms: z.record(z.string(), z.number()),
});

const ruleOut = z.object({
  id: z.string(),
  rule_type: z.enum(['allow', 'block']),
  pattern: z.string(),
  match_type: z.enum(['literal', 'regex', 'topic']),
  description: z.string(),
  enabled: z.boolean(),
  created_by: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
const ruleIn = z.object({
  rule_type: z.enum(['allow', 'block']),
  pattern: z.string().min(1).max(1_000),
  match_type: z.enum(['literal', 'regex', 'topic']).default('literal'),
  description: z.string().max(500).optional(),
  enabled: z.boolean().optional(),
});

const toWire = (r: Rule) => ({
  id: r.id,
  rule_type: r.ruleType,
  pattern: r.pattern,
  match_type: r.matchType,
  description: r.description,
  enabled: r.enabled,
  created_by: r.createdBy,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});

const SCANS: Record<string, { kinds: ScanKind[]; summary: string }> = {
  pii: { kinds: ['pii'], summary: 'PII only (Presidio entities with checksums and context)' },
  secrets: { kinds: ['secrets'], summary: 'Secrets only (provider keys, private keys, credentials, entropy)' },
  toxicity: { kinds: ['toxicity'], summary: 'Toxicity only (insult, threat, obscenity, identity attack, sexual, self-harm, harassment)' },
  comprehensive: { kinds: ['pii', 'secrets', 'toxicity', 'rules'], summary: 'Every scanner and the allow/block rules: what the pipeline decides' },
  allow: { kinds: ['rules'], summary: 'Allow/block rules only' },
};

export const firewallRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const [name, { kinds, summary }] of Object.entries(SCANS)) {
    app.post(
      `/api/v1/firewall/scan/${name}`,
      { schema: { tags: ['firewall'], summary, body: scanBody, response: { 200: scanReport, '4xx': errorSchema } } },
      async (request) => {
        const report = app.firewall.engine.scan(request.body.content, kinds);
        app.firewall.events.enqueue(eventRow(report, { requestId: request.id, userId: request.principal?.userId ?? null, source: 'scan' }, app.config.orgId));
        return { ...report, findings: report.findings.map(({ publicFigure, ...f }) => (publicFigure ? { ...f, public_figure: true } : f)) };
      },
    );
  }

  app.get('/api/v1/firewall/rules', { schema: { tags: ['firewall'], summary: 'List rules', response: { 200: z.object({ rules: z.array(ruleOut), total: z.number(), mode: z.string() }) } } }, async () => {
    const rules = await app.firewall.rules.list();
    return { rules: rules.map(toWire), total: rules.length, mode: app.firewall.rules.rules.mode };
  });

  app.post(
    '/api/v1/firewall/rules',
    { config: { auth: { roles: ADMINS } }, schema: { tags: ['firewall'], summary: 'Create a rule (effective at once on every instance)', body: ruleIn, response: { 201: ruleOut, '4xx': errorSchema } } },
    async (request, reply) => {
      try {
        const rule = await app.firewall.rules.create(
          { ruleType: request.body.rule_type, pattern: request.body.pattern, matchType: request.body.match_type, description: request.body.description, enabled: request.body.enabled },
          request.principal?.username ?? null,
        );
        return reply.status(201).send(toWire(rule));
      } catch (err) {
        if (err instanceof InvalidRuleError) throw new AppError('VALIDATION_ERROR', `body.pattern: ${err.message}`, { details: { fields: [{ path: 'body.pattern', message: err.message }] } });
        throw err;
      }
    },
  );

  app.delete(
    '/api/v1/firewall/rules/:id',
    { config: { auth: { roles: ADMINS } }, schema: { tags: ['firewall'], summary: 'Delete a rule', params: z.object({ id: z.string().max(200) }), response: { 200: z.object({ deleted: z.literal(true), id: z.string() }), '4xx': errorSchema } } },
    async (request) => {
      if (!(await app.firewall.rules.delete(request.params.id))) throw new AppError('NOT_FOUND', `rule ${request.params.id} not found`);
      return { deleted: true as const, id: request.params.id };
    },
  );

  app.get(
    '/api/v1/firewall/health',
    { schema: { tags: ['firewall'], summary: 'Scanners loaded, rule counts, mode' } },
    async () => {
      const r = app.firewall.rules;
      return {
        enabled: app.config.firewall.enabled,
        block_on_violation: app.config.firewall.blockOnViolation,
        pii_action: app.config.firewall.piiAction,
        policy_version: app.firewall.policy.snapshot.version,
        policy_reload_error: app.firewall.policy.lastReloadError,
        scanners: ['pii', 'secrets', 'toxicity'],
        mode: r.rules.mode,
        rules: { allow: r.rules.allowCount, block: r.rules.blockCount },
        rules_reloaded_at: r.lastReloadAt?.toISOString() ?? null,
        rules_reload_error: r.lastReloadError,
        events: app.firewall.events.stats,
      };
    },
  );

  app.get(
    '/api/v1/firewall/events',
    {
      config: { auth: { roles: ANALYSTS } },
      schema: {
        tags: ['firewall'],
        summary: 'Firewall decisions, newest first (cursor pagination)',
        querystring: z.object({
          decision: z.enum(['allow', 'block', 'redact']).optional(),
          user_id: z.string().max(200).optional(),
          source: z.string().max(20).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          before: z.coerce.number().int().positive().optional(),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await app.repos.firewallEvents.list({
        limit: q.limit,
        ...(q.decision ? { decision: q.decision } : {}),
        ...(q.user_id ? { userId: q.user_id } : {}),
        ...(q.source ? { source: q.source } : {}),
        ...(q.before ? { before: q.before } : {}),
      });
      return {
        events: rows.map((r) => ({
          id: r.id,
          request_id: r.requestId,
          user_id: r.userId,
          source: r.source,
          decision: r.decision,
          mode: r.mode,
          risk_level: r.riskLevel,
          reasons: r.reasons,
          findings: r.findings,
          scanner_timings_ms: r.scannerTimingsMs,
          created_at: r.createdAt.toISOString(),
        })),
        next_before: rows.length === q.limit ? rows.at(-1)!.id : null,
      };
    },
  );
};
