import { ChangeFeed, type SyncedStoreOptions } from '../../firewall/change-feed.js';
import { describeDbError } from '../../storage/errors.js';
import type { PromptLoggingRepo } from '../../storage/orchestrator/prompt-logging-repo.js';
import { effectiveMode, FULL_NOT_ALLOWED, type PromptLoggingMode } from './mode.js';

export interface ModeStoreOptions extends SyncedStoreOptions {
  repo: PromptLoggingRepo;
  /** PROMPT_LOGGING: the mode until an admin chooses one. */
  start: PromptLoggingMode;
  /** PROMPT_LOGGING_FULL_ALLOWED. */
  fullAllowed: boolean;
}

export interface ModeState {
  /** What is chosen: the admin's stored choice, else the environment's. */
  chosen: PromptLoggingMode;
  /** What is in force (`full` without the environment's switch is `masked`). */
  mode: PromptLoggingMode;
  source: 'environment' | 'admin';
  version: number;
  updatedBy: string | null;
  updatedAt: Date | null;
}

/** A refused change, e.g. `full` without PROMPT_LOGGING_FULL_ALLOWED. */
export class ModeRefused extends Error {}

/**
 * The prompt logging mode in force on this instance: the environment's PROMPT_LOGGING until an admin chooses, then
 * the choice kept in the orchestrator database, reloaded on every instance when any instance changes it (the
 * firewall's change feed: a Redis notice, and a periodic reload as the safety net). The request path reads `mode`
 * synchronously; a failed reload keeps the last mode known.
 */
export class PromptLoggingStore {
  private state: ModeState;
  private readonly feed: ChangeFeed;
  lastReloadError: string | null = null;

  constructor(private readonly opts: ModeStoreOptions) {
    this.state = this.fromEnvironment();
    this.feed = new ChangeFeed({ redis: opts.redis, channel: opts.channel, reloadIntervalMs: opts.reloadIntervalMs, reload: () => this.reload(), log: opts.log });
  }

  get mode(): PromptLoggingMode {
    return this.state.mode;
  }

  get snapshot(): ModeState {
    return this.state;
  }

  get fullAllowed(): boolean {
    return this.opts.fullAllowed;
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
      const next: ModeState = row
        ? { chosen: row.mode, mode: effectiveMode(row.mode, this.opts.fullAllowed), source: 'admin', version: row.version, updatedBy: row.updatedBy, updatedAt: row.updatedAt }
        : this.fromEnvironment();
      if (next.chosen === 'full' && next.mode !== 'full' && this.state.mode !== next.mode) {
        this.opts.log.warn('prompt logging: an admin chose full, but PROMPT_LOGGING_FULL_ALLOWED is not set here: storing masked text');
      }
      this.state = next;
      this.lastReloadError = null;
    } catch (err) {
      this.lastReloadError = describeDbError(err);
      this.opts.log.warn({ err: this.lastReloadError }, 'prompt logging mode reload failed, keeping the previous mode');
    }
  }

  /** An admin's change: audited with the mode it replaced, in force here at once and on the other instances by notice. */
  async set(mode: PromptLoggingMode, by: { id: string; username: string }): Promise<{ state: ModeState; changed: boolean }> {
    if (mode === 'full' && !this.opts.fullAllowed) throw new ModeRefused(FULL_NOT_ALLOWED);
    const { saved, changed } = await this.opts.repo.set(mode, this.opts.start, by);
    if (saved.version > 0) {
      this.state = { chosen: saved.mode, mode: effectiveMode(saved.mode, this.opts.fullAllowed), source: 'admin', version: saved.version, updatedBy: saved.updatedBy, updatedAt: saved.updatedAt };
    }
    if (changed) await this.feed.notify();
    return { state: this.state, changed };
  }

  private fromEnvironment(): ModeState {
    return { chosen: this.opts.start, mode: effectiveMode(this.opts.start, this.opts.fullAllowed), source: 'environment', version: 0, updatedBy: null, updatedAt: null };
  }
}
