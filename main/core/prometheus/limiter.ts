/**
 * Caps queries in flight. Prometheus rejects nothing above its --query.max-concurrency (default 20)
 * but queues it, so exceeding the cap only adds latency and load on a server the team depends on.
 */
export class Limiter {
  private active = 0;
  private peakSeen = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`concurrency must be a positive integer, not ${max}`);
  }

  /** The highest number of tasks that ran at once (benchmarks and tests check the cap). */
  get peak(): number {
    return this.peakSeen;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A finishing task hands its slot straight to the next waiter, so a caller arriving in between
    // cannot slip in and push the count over the cap.
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    this.peakSeen = Math.max(this.peakSeen, this.active);
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
