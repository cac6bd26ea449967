/** Polls `check` until it returns a truthy value (returned) or the deadline passes (throws with `what`). */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 5_000, everyMs = 25): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Holds the next call of `obj[key]` (an async method) once its own result is in, until `release()`: for putting a
 * reload or sync between its query and its use while something else happens. `reached` resolves when it is held;
 * `answered` counts the calls that have returned since (the held one excluded); `restore()` puts the method back.
 */
export function holdNextCall<T extends object, K extends keyof T>(obj: T, key: K): { reached: Promise<void>; readonly answered: number; release(): void; restore(): void } {
  const original = obj[key] as unknown as (...args: unknown[]) => Promise<unknown>;
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let reach!: () => void;
  const reached = new Promise<void>((r) => (reach = r));
  let held = false;
  let answered = 0;
  (obj as Record<K, unknown>)[key] = async (...args: unknown[]) => {
    const result = await original.apply(obj, args);
    if (!held) {
      held = true;
      reach();
      await released;
    } else answered++;
    return result;
  };
  return {
    reached,
    get answered() {
      return answered;
    },
    release,
    restore: () => ((obj as Record<K, unknown>)[key] = original),
  };
}
