import { sql } from 'drizzle-orm';
import { bigserial, boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Tables of the orchestrator database: people and their API keys, their conversations, and the firewall's rules and
 * decisions.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull().default(''),
    email: text('email'),
    role: text('role', { enum: ['developer', 'analyst', 'admin'] }).notNull(),
    /** scrypt hash; null for password-free development users. */
    passwordHash: text('password_hash'),
    isActive: boolean('is_active').notNull().default(true),
    /** The user id of whoever created this user through the API; null when the service made it at start-up. */
    createdBy: text('created_by'),
    /**
     * Created while ENVIRONMENT=development, where nobody is authenticated (a request without a token acts as the dev
     * admin, dev users log in without a password): no one vouched for its password, so production refuses its login.
     */
    createdInDevMode: boolean('created_in_dev_mode').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Spend caps in USD per UTC day and calendar month; null means the organisation's default applies. */
    budgetUsdDaily: doublePrecision('budget_usd_daily'),
    budgetUsdMonthly: doublePrecision('budget_usd_monthly'),
    /** Part of every token issued; bumping it revokes all of the user's tokens at once (logout everywhere). */
    tokenVersion: integer('token_version').notNull().default(0),
    /** The `sub` claim of the user's OpenID Connect provider, for users created on first sign-in through SSO. */
    oidcSubject: text('oidc_subject'),
  },
  (t) => [
    uniqueIndex('users_org_username_uq').on(t.orgId, t.username),
    uniqueIndex('users_org_oidc_subject_uq').on(t.orgId, t.oidcSubject),
  ],
);

export const conversations = pgTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('conversations_user_updated_idx').on(t.userId, t.updatedAt)],
);

export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['system', 'user', 'assistant'] }).notNull(),
    content: text('content').notNull(),
    /** blocked/cancelled/error messages are kept for the record but never sent upstream as history. */
    status: text('status', { enum: ['complete', 'blocked', 'cancelled', 'error'] }).notNull().default('complete'),
    model: text('model'),
    requestId: text('request_id'),
    promptTokens: integer('prompt_tokens'),
    completionTokens: integer('completion_tokens'),
    /**
     * What the chat showed live with the turn, kept so a reopened conversation shows it too: an answer's cost, whether
     * it came from the cache and how long it took; a blocked question's firewall reasons (finding types and rule
     * names, never the blocked values). Null on rows stored before these were kept.
     */
    costUsd: doublePrecision('cost_usd'),
    cached: boolean('cached'),
    latencyMs: doublePrecision('latency_ms'),
    blockReasons: jsonb('block_reasons').$type<string[]>(),
    createdAt: createdAt(),
  },
  (t) => [index('messages_conversation_created_idx').on(t.conversationId, t.createdAt)],
);

export const firewallRules = pgTable(
  'firewall_rules',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    ruleType: text('rule_type', { enum: ['allow', 'block'] }).notNull(),
    pattern: text('pattern').notNull(),
    matchType: text('match_type', { enum: ['literal', 'regex', 'topic'] }).notNull().default('literal'),
    description: text('description').notNull().default(''),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('firewall_rules_org_idx').on(t.orgId)],
);

/**
 * The organisation's firewall policy: the admin's changes to the defaults (per finding type an action and a score
 * threshold), one document per organisation. The defaults themselves come from the environment, so a row holds
 * only what an admin chose; `version` orders changes between instances.
 */
export const firewallPolicies = pgTable('firewall_policies', {
  orgId: text('org_id').primaryKey(),
  overrides: jsonb('overrides').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  version: integer('version').notNull().default(0),
  updatedBy: text('updated_by'),
  updatedAt: updatedAt(),
});

export const firewallEvents = pgTable(
  'firewall_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: text('org_id').notNull(),
    requestId: text('request_id'),
    userId: text('user_id'),
    /** Where the content came from: prompt, openai, ws, scan (manual scan endpoint), output. */
    source: text('source').notNull(),
    decision: text('decision', { enum: ['allow', 'block', 'redact'] }).notNull(),
    mode: text('mode').notNull(),
    riskLevel: text('risk_level').notNull(),
    /** Human-readable reasons and masked findings: never the raw secret or PII. */
    reasons: jsonb('reasons').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    findings: jsonb('findings').$type<unknown[]>().notNull().default(sql`'[]'::jsonb`),
    scannerTimingsMs: jsonb('scanner_timings_ms').$type<Record<string, number>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [
    index('firewall_events_org_created_idx').on(t.orgId, t.createdAt),
    index('firewall_events_decision_idx').on(t.decision, t.createdAt),
    index('firewall_events_user_idx').on(t.userId, t.createdAt),
  ],
);

/**
 * API keys: long-lived credentials a user makes for their programs. Only a SHA-256 of the secret is stored; `prefix`
 * is its first characters, shown in listings so people can tell keys apart. The limits narrow what the owner may
 * do (never widen it); null means no key-level limit.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique('api_keys_key_hash_uq'),
    /** Model names or patterns the key may call; null means whatever its owner may call. */
    models: jsonb('models').$type<string[]>(),
    rpm: integer('rpm'),
    budgetUsdDaily: doublePrecision('budget_usd_daily'),
    budgetUsdMonthly: doublePrecision('budget_usd_monthly'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Written in batches, so it may lag real use by a few seconds. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('api_keys_org_user_idx').on(t.orgId, t.userId)],
);

/**
 * The organisation's prompt text logging mode as an admin set it at run time (PROMPT_LOGGING is the starting mode
 * until an admin changes it); `version` orders changes between instances.
 */
export const promptLoggingSettings = pgTable('prompt_logging_settings', {
  orgId: text('org_id').primaryKey(),
  mode: text('mode', { enum: ['off', 'masked', 'full'] }).notNull(),
  version: integer('version').notNull().default(0),
  updatedBy: text('updated_by'),
  updatedAt: updatedAt(),
});

/** Every change of the prompt logging mode: who, when, from what to what. Written in the change's transaction. */
export const promptLoggingChanges = pgTable(
  'prompt_logging_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: text('org_id').notNull(),
    fromMode: text('from_mode').notNull(),
    toMode: text('to_mode').notNull(),
    changedBy: text('changed_by'),
    changedByUsername: text('changed_by_username'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('prompt_logging_changes_org_idx').on(t.orgId, t.changedAt)],
);

/** The semantic cache's entries (its own file: one table with its storage notes). */
export { semanticCacheEntries } from './semantic-cache-schema.js';

/** Admin-defined evaluators of answer quality (src/evaluation). */
export { customEvaluators } from './evaluators-schema.js';
