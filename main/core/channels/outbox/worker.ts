import type { OutboxState } from '../../../../preload/contract/outbox';
import type { Clock } from '../../shared/clock';
import type { Deliver, DeliveryResult, IntegrationRef } from '../message';
import type { DeliveryRow, OutboxStore } from './store';

export interface WorkerSettings {
  deadAfter: number;
  initialBackoff: number;
  maxBackoff: number;
  concurrency: number;
}

/** One finished attempt, for the incident timeline and the UI. */
export interface AttemptReport {
  row: DeliveryRow;
  attempt: number;
  result: DeliveryResult;
  incidentId: string | null;
  state: OutboxState;
}

export interface WorkerDeps {
  store: OutboxStore;
  deliver: Deliver;
  clock: Clock;
  settings(): WorkerSettings;
  /** [0, 1): the jitter's source (Math.random in the app, a fixed sequence in tests). */
  random?: () => number;
  onAttempt?(report: AttemptReport): void;
  /** Any state change (queued, sending, sent, retrying, dead), for the outbox:changed event. */
  onChange?(): void;
}

/**
 * "Full jitter" back-off: a random wait in [0, min(cap, initial × 2^(attempt−1))). A crowd of
 * consoles that lost the same receiver does not come back in lockstep. A server's Retry-After is a
 * floor: we never knock again sooner than it asked.
 */
export function backoffDelay(attempt: number, settings: Pick<WorkerSettings, 'initialBackoff' | 'maxBackoff'>, random: number, retryAfterMs?: number): number {
  const ceiling = Math.min(settings.maxBackoff, settings.initialBackoff * 2 ** Math.min(attempt - 1, 40));
  const jittered = Math.floor(random * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/**
 * Delivers the outbox, one line per integration: only the oldest unfinished delivery of a line is
 * ever tried, so a later message never overtakes an earlier one. Each try is marked `sending` in a
 * committed write before the network call, so a crash leaves a row that is retried (under the
 * same idempotency key) at the next start. Whether something is due is decided from stored times,
 * never from the timer that woke us: a wake from sleep fires overdue timers early or late but can
 * only ever try what is still unfinished, so nothing already sent goes out again.
 */
export class OutboxWorker {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly aborts = new Set<AbortController>();
  private cancelTimer: (() => void) | null = null;
  private timerAt = Infinity;
  private kicked = false;
  private running = false;

  constructor(private readonly deps: WorkerDeps) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.deps.store.recoverInterrupted().length) this.deps.onChange?.();
    this.pump();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.timerAt = Infinity;
    for (const a of this.aborts) a.abort();
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /**
   * Something new may be due (a message queued, a retry asked for, the network came back). Deferred
   * to a microtask: an enqueue inside a caller's transaction is only visible once that commits.
   */
  kick(): void {
    if (this.kicked || !this.running) return;
    this.kicked = true;
    queueMicrotask(() => {
      this.kicked = false;
      this.pump();
    });
  }

  /** The network is back: whatever waits on a back-off is tried now. */
  reconnected(): void {
    if (!this.running) return;
    this.pump(true);
  }

  /** Resolves once no send is in flight and no pump is pending (tests drive the fake clock with it). */
  async settled(): Promise<void> {
    for (;;) {
      await Promise.resolve();
      if (this.inFlight.size === 0 && !this.kicked) return;
      await Promise.allSettled([...this.inFlight.values()]);
    }
  }

  private pump(now_ = false): void {
    if (!this.running) return;
    const { store, clock } = this.deps;
    const settings = this.deps.settings();
    const now = clock.now();
    let soonest = Infinity;
    for (const head of store.heads()) {
      if (this.inFlight.has(head.line)) continue;
      const due = now_ || head.next_at <= now;
      if (!due) {
        soonest = Math.min(soonest, head.next_at);
        continue;
      }
      if (this.inFlight.size >= settings.concurrency) break;
      this.launch(head, settings);
    }
    this.arm(soonest, now);
  }

  private arm(at: number, now: number): void {
    if (at === this.timerAt) return;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.timerAt = at;
    if (at === Infinity) return;
    this.cancelTimer = this.deps.clock.setTimeout(() => {
      this.cancelTimer = null;
      this.timerAt = Infinity;
      this.pump();
    }, Math.max(0, at - now));
  }

  private launch(head: DeliveryRow, settings: WorkerSettings): void {
    const job = this.attempt(head, settings)
      .catch((err: unknown) => console.error(`outbox: delivery ${head.key} failed:`, err))
      .finally(() => {
      this.inFlight.delete(head.line);
      this.pump();
    });
    this.inFlight.set(head.line, job);
  }

  private async attempt(head: DeliveryRow, settings: WorkerSettings): Promise<void> {
    const { store, clock } = this.deps;
    const { n } = store.beginAttempt(head.seq);
    this.deps.onChange?.();
    const { message, incidentId } = store.message(head.message_id);
    const ref: IntegrationRef = { receiver: head.receiver, kind: head.integration_kind, index: head.integration_index };
    const abort = new AbortController();
    this.aborts.add(abort);
    let result: DeliveryResult;
    try {
      result = await this.deps.deliver(ref, message, { idempotencyKey: head.key, signal: abort.signal });
    } catch (err) {
      result = { ok: false, retryable: true, answer: `not sent: ${(err as Error).message}` };
    } finally {
      this.aborts.delete(abort);
    }
    // Stopped while the server had it: leave the row `sending`, so the next start retries it.
    if (!this.running) return;
    const now = clock.now();
    const deadline = head.created_at + settings.deadAfter;
    let next: { state: OutboxState; nextAt: number; reason?: string };
    if (result.ok) next = { state: 'sent', nextAt: now };
    else if (!result.retryable) next = { state: 'dead', nextAt: now, reason: 'the server refused it; retrying cannot help' };
    else if (now >= deadline) next = { state: 'dead', nextAt: now, reason: `undeliverable for ${Math.round(settings.deadAfter / 60_000)} min` };
    else {
      const delay = backoffDelay(n, settings, (this.deps.random ?? Math.random)(), result.retryAfterMs);
      // The last try lands on the deadline, so the dead letter is raised on time.
      next = { state: 'failed-retrying', nextAt: Math.min(now + delay, deadline) };
    }
    const row = store.endAttempt(head.seq, n, result, next);
    this.deps.onAttempt?.({ row, attempt: n, result, incidentId, state: row.state });
    this.deps.onChange?.();
  }
}
