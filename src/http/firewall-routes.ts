import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMINS, ANALYSTS } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import type { ScanKind } from '../firewall/engine.js';
import { eventRow } from '../firewall/firewall-gate.js';
import { compileRules, InvalidRuleError, validatePattern, type Rule } from '../firewall/rules/compile.js';
import { draftImpact } from '../firewall/rules/impact.js';
import { DuplicateRuleError } from '../firewall/rules/rule-store.js';
import { isoDate, toDate } from '../monitoring/analytics-range.js';
import { errorSchema } from './schemas.js';

const draftRule = z.object({
  rule_type: z.enum(['allow', 'block']),
  pattern: z.string().min(1, 'must not be empty').max(1_000, 'must be at most 1,000 characters'),
  match_type: z.enum(['literal', 'regex', 'topic']).default('literal'),
  description: z.string().max(500, 'must be at most 500 characters').optional(),
  /** The saved rule this draft edits: it stands in for that rule. */
  id: z.string().max(200).optional(),
  /** An edit of a rule that is off stays off (default: on). */
  enabled: z.boolean().optional(),
});
const scanBody = z.object({
  content: z.string().max(1_000_000, 'must be at most 1,000,000 characters'),
  draft_rule: draftRule.optional().describe('A rule not saved yet, evaluated beside the saved ones; such a scan is not recorded'),
});
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
  /** Prompts the rule matched in the last HIT_DAYS days (test-box scans left out), and when it last did. */
  hits: z.number(),
  last_hit_at: z.string().nullable(),
});
const ruleIn = z.object({
  rule_type: z.enum(['allow', 'block']),
  pattern: z.string().min(1, 'must not be empty').max(1_000, 'must be at most 1,000 characters'),
  match_type: z.enum(['literal', 'regex', 'topic']).default('literal'),
  description: z.string().max(500, 'must be at most 500 characters').optional(),
  enabled: z.boolean().optional(),
});
const rulePatch = z
  .object({
    rule_type: z.enum(['allow', 'block']).optional(),
    pattern: z.string().min(1, 'must not be empty').max(1_000, 'must be at most 1,000 characters').optional(),
    match_type: z.enum(['literal', 'regex', 'topic']).optional(),
    description: z.string().max(500, 'must be at most 500 characters').optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'give at least one of rule_type, pattern, match_type, description, enabled');
const previewBody = draftRule.extend({
  last: z.number().int().min(1, 'must be from 1 to 5,000').max(5_000, 'must be from 1 to 5,000').default(500).describe('How many recorded decisions to look back over'),
});
const impactOut = z.object({
  considered: z.number().describe('Recorded prompt decisions looked at (the last N)'),
  checked: z.number().describe('Of those, the ones whose prompt text is stored (PROMPT_LOGGING), which the draft could be run over'),
  changed: z.number(),
  to_block: z.number().describe('Passed, would be blocked'),
  to_pass: z.number().describe('Blocked, would pass'),
  mode_before: z.enum(['blocklist', 'allowlist']),
  mode_after: z.enum(['blocklist', 'allowlist']),
});

/** An invalid pattern is the user's mistake: a 400 on body.pattern, in the compiler's plain words. */
function invalidRule(err: unknown): never {
  if (err instanceof InvalidRuleError) throw new AppError('VALIDATION_ERROR', `body.pattern: ${err.message}`, { details: { fields: [{ path: 'body.pattern', message: err.message }] } });
  if (err instanceof DuplicateRuleError) {
    const d = err.duplicate;
    throw new AppError('CONFLICT', `body.pattern: ${err.message}`, { details: { fields: [{ path: 'body.pattern', message: err.message }], duplicate: { id: d.id, description: d.description, pattern: d.pattern } } });
  }
  throw err;
}

/** A draft as a rule: its own id when it edits one, so it stands in for that rule. */
const draftAsRule = (d: z.infer<typeof draftRule>): Rule => {
  try {
    validatePattern(d.pattern, d.match_type);
  } catch (err) {
    invalidRule(err);
  }
  const now = new Date();
  return { id: d.id ?? 'draft', orgId: '', ruleType: d.rule_type, pattern: d.pattern, matchType: d.match_type, description: d.description ?? 'draft rule', enabled: d.enabled ?? true, createdBy: null, createdAt: now, updatedAt: now };
};

const toWire = (r: Rule, hit?: { hits: number; lastHit: Date }) => ({
  id: r.id,
  rule_type: r.ruleType,
  pattern: r.pattern,
  match_type: r.matchType,
  description: r.description,
  enabled: r.enabled,
  created_by: r.createdBy,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
  hits: hit?.hits ?? 0,
  last_hit_at: hit?.lastHit.toISOString() ?? null,
});

/** The window of a rule's hit count. */
const blockReasonsQuery = z.object({
  days: z.coerce.number().int().min(1, 'must be from 1 to 90').max(90, 'must be from 1 to 90').default(7).describe('The window ending at `to` (or now), when `from` is not given'),
  from: isoDate.optional().describe('Start (inclusive), ISO 8601'),
  to: isoDate.optional().describe('End (exclusive), ISO 8601; default: now'),
});

const HIT_DAYS = 30;
const hitsSince = () => new Date(Date.now() - HIT_DAYS * 86_400_000);

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
        const draft = request.body.draft_rule;
        if (draft && kinds.includes('rules')) {
          // The draft beside the saved rules; not the policy in force, so not recorded as a decision.
          const saved = (await app.firewall.rules.list()).filter((r) => r.id !== draft.id);
          const report = app.firewall.engine.scan(request.body.content, kinds, compileRules([...saved, draftAsRule(draft)]));
          return { ...report, findings: report.findings.map(({ publicFigure, ...f }) => (publicFigure ? { ...f, public_figure: true } : f)) };
        }
        const report = app.firewall.engine.scan(request.body.content, kinds);
        app.firewall.events.enqueue(eventRow(report, { requestId: request.id, userId: request.principal?.userId ?? null, source: 'scan' }, app.config.orgId));
        return { ...report, findings: report.findings.map(({ publicFigure, ...f }) => (publicFigure ? { ...f, public_figure: true } : f)) };
      },
    );
  }

  app.get('/api/v1/firewall/rules', { schema: { tags: ['firewall'], summary: 'List rules', response: { 200: z.object({ rules: z.array(ruleOut), total: z.number(), mode: z.string(), hit_days: z.number().describe('The window of each rule’s hits, in days') }) } } }, async () => {
    const [rules, hits] = await Promise.all([app.firewall.rules.list(), app.repos.firewallEvents.ruleHits(hitsSince())]);
    return { rules: rules.map((r) => toWire(r, hits.get(r.id))), total: rules.length, mode: app.firewall.rules.rules.mode, hit_days: HIT_DAYS };
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
        invalidRule(err);
      }
    },
  );

  app.patch(
    '/api/v1/firewall/rules/:id',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['firewall'],
        summary: 'Edit a rule or turn it on or off (effective at once on every instance); 409 when it would duplicate another rule',
        params: z.object({ id: z.string().max(200) }),
        body: rulePatch,
        response: { 200: ruleOut, '4xx': errorSchema },
      },
    },
    async (request) => {
      const b = request.body;
      let rule: Rule | undefined;
      try {
        rule = await app.firewall.rules.update(request.params.id, {
          ...(b.rule_type !== undefined ? { ruleType: b.rule_type } : {}),
          ...(b.pattern !== undefined ? { pattern: b.pattern } : {}),
          ...(b.match_type !== undefined ? { matchType: b.match_type } : {}),
          ...(b.description !== undefined ? { description: b.description } : {}),
          ...(b.enabled !== undefined ? { enabled: b.enabled } : {}),
        });
      } catch (err) {
        invalidRule(err);
      }
      if (!rule) throw new AppError('NOT_FOUND', `rule ${request.params.id} not found`);
      request.log.info({ rule_id: rule.id, fields: Object.keys(b) }, 'firewall rule changed');
      const hits = await app.repos.firewallEvents.ruleHits(hitsSince());
      return toWire(rule, hits.get(rule.id));
    },
  );

  app.post(
    '/api/v1/firewall/rules/preview',
    {
      config: { auth: { roles: ADMINS } },
      schema: {
        tags: ['firewall'],
        summary: 'How many of the last N recorded prompt decisions a draft rule (new, or an edit of rule `id`) would have changed; counts only',
        body: previewBody,
        response: { 200: impactOut, '4xx': errorSchema },
      },
    },
    async (request) => {
      const draft = draftAsRule(request.body);
      const [saved, decisions] = await Promise.all([app.firewall.rules.list(), app.repos.firewallEvents.recentPromptDecisions(request.body.last)]);
      const ids = decisions.flatMap((d) => (d.requestId ? [d.requestId] : []));
      const texts = await app.repos.promptTexts.promptsOf(ids);
      const impact = draftImpact(
        saved,
        draft,
        decisions.map((d) => ({ decision: d.decision, reasons: d.reasons, text: d.requestId ? texts.get(d.requestId) : undefined })),
      );
      return { considered: impact.considered, checked: impact.checked, changed: impact.toBlock + impact.toPass, to_block: impact.toBlock, to_pass: impact.toPass, mode_before: impact.modeBefore, mode_after: impact.modeAfter };
    },
  );

  app.get(
    '/api/v1/firewall/block-reasons',
    {
      config: { auth: { roles: ANALYSTS } },
      schema: {
        tags: ['firewall'],
        summary:
          'Why prompts were blocked over the last `days`, or from `from` to `to`: by category, entity and rule (named by its description; deleted rules as one row); a prompt blocked for several reasons counts under each',
        querystring: blockReasonsQuery,
      },
    },
    async (request) => {
      const { days, from, to } = request.query;
      const until = to ? toDate(to) : new Date();
      const since = from ? toDate(from) : new Date(until.getTime() - days * 86_400_000);
      if (since >= until) throw new AppError('VALIDATION_ERROR', 'querystring.from: must be before to');
      const rules = await app.firewall.rules.list();
      const byId = new Map(rules.map((r) => [r.id, r]));
      const { blocked, groups } = await app.repos.firewallEvents.blockReasons({ since, until, liveRuleIds: [...byId.keys()] });
      return {
        since: since.toISOString(),
        until: until.toISOString(),
        blocked,
        reasons: groups.map((g) => {
          const rule = g.category === 'rules' && g.entity ? byId.get(g.entity) : undefined;
          return {
            category: g.category,
            entity: g.category === 'rules' ? null : g.entity,
            rule_id: g.category === 'rules' ? g.entity : null,
            rule: g.category === 'rules' ? (rule ? rule.description || `${rule.matchType} “${rule.pattern}”` : 'deleted rules') : null,
            events: g.events,
          };
        }),
      };
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
