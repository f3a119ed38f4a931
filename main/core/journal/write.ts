/**
 * Retries a write that met SQLITE_BUSY despite busy_timeout (possible when a checkpoint or a
 * lock upgrade races another process), so a second writer never surfaces as an error to the user.
 */
export function withBusyRetry<T>(fn: () => T, attempts = 5): T {
  for (let i = 1; ; i++) {
    try {
      return fn();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const busy = typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
      if (!busy || i >= attempts) throw err;
      // Synchronous back-off: better-sqlite3 is synchronous, and the wait is tens of ms at most.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 * i);
    }
  }
}
