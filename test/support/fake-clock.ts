import type { Clock } from '../../main/core/shared/clock';

/** A clock the test moves by hand: advance() fires due timers in time order. */
export class FakeClock implements Clock {
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;
  private mono = 0;

  constructor(private wall = Date.UTC(2026, 10, 23, 9, 0, 0)) {}

  now(): number {
    return this.wall;
  }

  monotonic(): number {
    return this.mono;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const timer = { at: this.wall + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves time forward by ms, running every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.wall + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      // A timer overdue after sleep() fires at the current time: time never runs backwards.
      if (due.at > this.wall) {
        this.mono += due.at - this.wall;
        this.wall = due.at;
      }
      due.fn();
    }
    this.mono += end - this.wall;
    this.wall = end;
  }

  /** Simulates a laptop waking from sleep: wall time jumps, monotonic time does not. */
  sleep(ms: number): void {
    this.wall += ms;
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}
