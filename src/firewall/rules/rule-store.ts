import { describeDbError } from '../../storage/errors.js';
import { randomBytes } from 'node:crypto';
import type { FirewallRulesRepo, RuleChange } from '../../storage/orchestrator/firewall-rules-repo.js';
import { ChangeFeed, type SyncedStoreOptions } from '../change-feed.js';
import { compileRules, validatePattern, type CompiledRules, type MatchType, type Rule, type RuleType } from './compile.js';

export interface NewRule {
  ruleType: RuleType;
  pattern: string;
  matchType: MatchType;
  description?: string;
  enabled?: boolean;
}

/** The rule would do what an existing rule does already (409, naming that rule). */
export class DuplicateRuleError extends Error {
  constructor(readonly duplicate: Rule) {
    super(`an identical ${duplicate.ruleType} rule exists already: ${duplicate.id}${duplicate.description ? ` (${duplicate.description})` : ''}`);
  }
}

export interface RuleStoreOptions extends SyncedStoreOptions {
  repo: FirewallRulesRepo;
  /** Part of every rule id, so ids stay unique in a database several organisations share. */
  orgId: string;
}

/**
 * The organisation's allow/block rules: kept in Postgres, compiled in memory, and reloaded on every instance when
 * any instance changes them (Redis pub/sub), with a periodic reload as a safety net for a lost notice.
 */
export class RuleStore {
  private compiled: CompiledRules = compileRules([]);
  private readonly feed: ChangeFeed;
  lastReloadAt: Date | null = null;
  lastReloadError: string | null = null;

  constructor(private readonly opts: RuleStoreOptions) {
    this.feed = new ChangeFeed({ redis: opts.redis, channel: opts.channel, reloadIntervalMs: opts.reloadIntervalMs, reload: () => this.reload(), log: opts.log });
  }

  get rules(): CompiledRules {
    return this.compiled;
  }

  async start(seedTopics: string[]): Promise<void> {
    await this.seedTopics(seedTopics);
    await this.reload();
    await this.feed.start();
  }

  async stop(): Promise<void> {
    this.feed.stop();
  }

  /** Reloads started so far, and the latest one applied: see reload(). */
  private reloadsStarted = 0;
  private reloadApplied = 0;

  async reload(): Promise<void> {
    // Reloads overlap (a notice, the periodic one, the catch-up after a reconnect, this instance's own change). One
    // that started earlier may answer later with a list from before a rule was added: it must not replace a newer
    // view, or a block rule just saved would go unenforced until the next reload.
    const seq = ++this.reloadsStarted;
    try {
      const rows = await this.opts.repo.list();
      if (seq < this.reloadApplied) return;
      this.reloadApplied = seq;
      this.compiled = compileRules(rows);
      this.lastReloadAt = new Date();
      this.lastReloadError = null;
    } catch (err) {
      // Keep enforcing the last good rules: a database blip must not open the firewall.
      this.lastReloadError = describeDbError(err);
      this.opts.log.warn({ err: this.lastReloadError }, 'firewall rules reload failed, keeping the previous set');
    }
  }

  private async changed(): Promise<void> {
    await this.reload();
    await this.feed.notify();
  }

  async list(): Promise<Rule[]> {
    return this.opts.repo.list();
  }

  /** Validates (throws InvalidRuleError), stores, and makes the rule effective everywhere. */
  async create(input: NewRule, createdBy: string | null): Promise<Rule> {
    validatePattern(input.pattern, input.matchType);
    const id = `rule_${randomBytes(4).toString('hex')}_${this.opts.orgId}`;
    const out = await this.opts.repo.insertUnique({ id, ruleType: input.ruleType, pattern: input.pattern, matchType: input.matchType, description: input.description ?? '', enabled: input.enabled ?? true, createdBy });
    if ('duplicate' in out) throw new DuplicateRuleError(out.duplicate);
    await this.changed();
    return out.done;
  }

  /**
   * Changes a rule (pattern, type, description, enabled), validated as a new one; every instance applies it at once,
   * like a new rule. Undefined when there is no such rule.
   */
  async update(id: string, change: RuleChange): Promise<Rule | undefined> {
    const current = await this.opts.repo.get(id);
    if (!current) return undefined;
    const next = { ...current, ...change };
    if (change.pattern !== undefined || change.matchType !== undefined) validatePattern(next.pattern, next.matchType);
    // Only a change of what the rule matches can make it a duplicate: rules that were saved twice before duplicates
    // were refused can still be turned off or described.
    const reshaped = change.pattern !== undefined || change.matchType !== undefined || change.ruleType !== undefined;
    const out = reshaped ? await this.opts.repo.updateUnique(id, next, change) : { done: await this.opts.repo.update(id, change) };
    if ('duplicate' in out) throw new DuplicateRuleError(out.duplicate);
    if (out.done) await this.changed();
    return out.done;
  }

  async delete(id: string): Promise<boolean> {
    const deleted = await this.opts.repo.delete(id);
    if (deleted) await this.changed();
    return deleted;
  }

  /** FIREWALL_ALLOWLIST_TOPICS: one allow rule per topic, with a stable id so restarts and peers do not duplicate it. */
  private async seedTopics(topics: string[]): Promise<void> {
    for (const topic of topics) {
      const slug = topic.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'topic';
      await this.opts.repo.insertIfAbsent({ id: `rule_topic_${slug}_${this.opts.orgId}`, ruleType: 'allow', pattern: topic, matchType: 'topic', description: `Allowed topic from FIREWALL_ALLOWLIST_TOPICS`, createdBy: 'config' });
    }
  }
}
