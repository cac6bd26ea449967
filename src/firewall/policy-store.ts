import { describeDbError } from '../storage/errors.js';
import type { FirewallPolicyRepo, StoredPolicy } from '../storage/orchestrator/firewall-policy-repo.js';
import { ChangeFeed, type SyncedStoreOptions } from './change-feed.js';
import { effectivePolicy, mergeOverrides, validateOverrides, type FirewallPolicy, type PolicyOverrides } from './policy.js';

export interface PolicyStoreOptions extends SyncedStoreOptions {
  repo: FirewallPolicyRepo;
  /** The starting configuration: the defaults with the environment's FIREWALL_* settings applied. */
  base: FirewallPolicy;
}

export type PolicyPatch = Parameters<typeof mergeOverrides>[1];

export interface PolicyState {
  policy: FirewallPolicy;
  overrides: PolicyOverrides;
  version: number;
  updatedBy: string | null;
  updatedAt: Date | null;
}

/**
 * The policy in force on this instance: the environment's starting configuration with the admins' changes from
 * Postgres on top, reloaded on every instance when any instance changes it (the same change feed as the rules).
 * Scans read `current` synchronously; a failed reload keeps the last good policy, so a database blip never loosens
 * the firewall.
 */
export class PolicyStore {
  private state: PolicyState;
  private readonly feed: ChangeFeed;
  lastReloadError: string | null = null;

  constructor(private readonly opts: PolicyStoreOptions) {
    this.state = { policy: opts.base, overrides: {}, version: 0, updatedBy: null, updatedAt: null };
    this.feed = new ChangeFeed({ redis: opts.redis, channel: opts.channel, reloadIntervalMs: opts.reloadIntervalMs, reload: () => this.reload(), log: opts.log });
  }

  get current(): FirewallPolicy {
    return this.state.policy;
  }

  /** The starting configuration (defaults and environment), what a type returns to when its override is removed. */
  get base(): FirewallPolicy {
    return this.opts.base;
  }

  get snapshot(): PolicyState {
    return this.state;
  }

  async start(): Promise<void> {
    await this.reload();
    await this.feed.start();
  }

  stop(): void {
    this.feed.stop();
  }

  async reload(): Promise<void> {
    try {
      const row = await this.opts.repo.get();
      // An older notice may arrive after a newer reload: never step back.
      if (row && row.version < this.state.version) return;
      this.state = this.compile(row ?? { overrides: {}, version: 0, updatedBy: null, updatedAt: null });
      this.lastReloadError = null;
    } catch (err) {
      this.lastReloadError = describeDbError(err);
      this.opts.log.warn({ err: this.lastReloadError }, 'firewall policy reload failed, keeping the previous policy');
    }
  }

  /**
   * Applies an admin's change (validated: throws PolicyError naming the field) in one transaction that serialises
   * concurrent changes from any instance, then makes it effective here at once and everywhere else by notice.
   */
  async update(patch: PolicyPatch, by: string | null): Promise<PolicyState> {
    const saved = await this.opts.repo.update((current) => {
      const next = mergeOverrides(current, patch);
      validateOverrides(next);
      return next;
    }, by);
    this.state = this.compile(saved);
    await this.feed.notify();
    return this.state;
  }

  /** Drops every admin change: the environment's starting configuration applies again. */
  async reset(by: string | null): Promise<PolicyState> {
    this.state = this.compile(await this.opts.repo.reset(by));
    await this.feed.notify();
    return this.state;
  }

  private compile({ overrides, version, updatedBy, updatedAt }: StoredPolicy): PolicyState {
    try {
      validateOverrides(overrides);
    } catch (err) {
      // A stored type this build no longer knows (a rule retired in an upgrade) must not take the policy down.
      this.opts.log.warn({ err: (err as Error).message }, 'stored firewall policy has an entry this version does not know; it is ignored');
      overrides = dropUnknown(overrides);
    }
    return { policy: effectivePolicy(this.opts.base, overrides), overrides, version, updatedBy, updatedAt };
  }
}

function dropUnknown(o: PolicyOverrides): PolicyOverrides {
  const out: PolicyOverrides = { types: {} };
  if (o.publicFigures === 'allow' || o.publicFigures === 'flag') out.publicFigures = o.publicFigures;
  for (const [scanner, types] of Object.entries(o.types ?? {})) {
    for (const [type, s] of Object.entries(types ?? {})) {
      const one: PolicyOverrides = { types: { [scanner]: { [type]: s } } };
      try {
        validateOverrides(one);
        Object.assign(((out.types as Record<string, Record<string, unknown>>)[scanner] ??= {}), { [type]: s });
      } catch {
        // skipped: unknown scanner, type or value
      }
    }
  }
  return out;
}
