import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Tables of the orchestrator database: people, their conversations, and the firewall's rules and decisions. */

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
  },
  (t) => [uniqueIndex('users_org_username_uq').on(t.orgId, t.username)],
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
