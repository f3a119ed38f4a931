/**
 * Time as a dependency: the real clock in the app, a fake one in tests, so `for` durations,
 * repeat intervals and retention are tested without sleeping.
 */
export interface Clock {
  /** Wall-clock time, ms since epoch. */
  now(): number;
  /** Monotonic time, ms; only differences mean anything (compared with now() it reveals sleep). */
  monotonic(): number;
  /** Runs fn once after ms; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    // Timers must never keep a CLI process alive on their own.
    timer.unref();
    return () => clearTimeout(timer);
  },
};
