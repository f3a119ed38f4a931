import type { CoreContext } from '../context';
import type { AlertStateStore, LocalSilence } from './state-store';

/**
 * Wakes up when a local silence is about to end (warns once, `silenceWarning` before) and when it
 * ends (so the alerts it muted are evaluated again at once). One timer for the next event.
 */
export class SilenceWatch {
  private cancel: (() => void) | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly store: AlertStateStore,
    private readonly warningMs: () => number,
    private readonly onChange: () => void,
  ) {}

  reschedule(silences: readonly LocalSilence[]): void {
    this.cancel?.();
    this.cancel = null;
    const now = this.ctx.clock.now();
    let next = Infinity;
    for (const s of silences) {
      if (s.endsAt <= now) continue;
      const warnAt = s.endsAt - this.warningMs();
      if (!s.warned && warnAt > now) next = Math.min(next, warnAt);
      else if (!s.warned) next = Math.min(next, now);
      next = Math.min(next, s.endsAt);
      if (s.startsAt > now) next = Math.min(next, s.startsAt);
    }
    if (next === Infinity) return;
    this.cancel = this.ctx.clock.setTimeout(() => this.fire(silences), Math.max(0, next - now));
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private fire(silences: readonly LocalSilence[]): void {
    this.cancel = null;
    const now = this.ctx.clock.now();
    for (const s of silences) {
      if (s.warned || s.endsAt <= now || s.endsAt - this.warningMs() > now) continue;
      this.store.markWarned(s.id);
      const minutes = Math.max(1, Math.round((s.endsAt - now) / 60_000));
      this.ctx.ports.notify({
        id: `silence-${s.id}`,
        title: `Silence ends in ${minutes} min`,
        body: `${s.comment} (${s.matchers.map((m) => `${m.name}${m.op}"${m.value}"`).join(', ')})`,
        severity: 'warning',
        route: '#/alerts/silences',
      });
      this.store.logNotification({ at: now, kind: 'silence-expiring', groupKey: `silence:${s.id}`, title: `Silence ends in ${minutes} min`, body: s.comment, fingerprints: [], delivered: true, heldBecause: null });
    }
    // Reloading re-reads `warned` and re-arms the timer for the next event; it also recomputes
    // alerts so a silence that just ended unmutes them now.
    this.onChange();
  }
}
