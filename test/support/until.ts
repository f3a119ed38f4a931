/**
 * Waits for a real peer (an engine, a server, a process) to reach a state: polls `fn` until it returns
 * something other than undefined. Only for tests against real components; logic with time in it
 * gets a fake clock instead.
 */
export async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
