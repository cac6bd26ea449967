/**
 * The cache backbone: a small key-value interface with a Redis implementation (shared by every instance) and an
 * in-memory one (embedded mode). Methods throw on backend failure; callers decide what a failure means (the LLM
 * cache treats it as a miss).
 */
export interface KvHealth {
  status: 'up' | 'down';
  backend: 'redis' | 'memory';
  latency_ms: number;
  error?: string;
}

export interface KvStore {
  readonly backend: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  del(keys: string[]): Promise<number>;
  /** Atomically adds `by` (default 1) and returns the counter, setting its TTL when it is created (rate limits). */
  incr(key: string, ttlSeconds: number, by?: number): Promise<number>;
  /** Decrements a counter (never below 0) and returns it. */
  decr(key: string): Promise<number>;
  /**
   * Deletes every key that starts with `prefix`; returns how many. A bulk job, not a request-path read: it runs to
   * the end however many keys there are and however busy the backend is, and throws KvUnavailableError only when
   * the backend cannot be reached.
   */
  deletePrefix(prefix: string): Promise<number>;
  /** Number of keys under `prefix` and their approximate memory. */
  usage(prefix: string): Promise<{ entries: number; bytes: number }>;
  health(): Promise<KvHealth>;
  close(): Promise<void>;
}

/** The backend cannot be reached (down, or its connection lost mid-way): a retry later may succeed. */
export class KvUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KvUnavailableError';
  }
}
