import type { SoundCue } from '../../../preload/contract';
import type { Clock } from '../shared/clock';

export interface PagerDeps {
  clock: Clock;
  /** Plays one cue; the face decides how (system beep, Web Audio in the page). */
  play(cue: SoundCue): void;
  /** True while this alert still needs a human: firing, not acknowledged, not muted. */
  stillPaging(fingerprint: string): boolean;
  /** Notifications are paused: pages keep their place but do not ring until the pause ends. */
  paused(): boolean;
  /** Pause between two rings of an unanswered page. */
  repeatEvery(): number;
}

/**
 * Sound per severity, and the pager behaviour of critical pages: a critical notification rings at
 * once and rings again every `repeatEvery` until each alert it was about is acknowledged, resolved
 * or muted; a pause of notifications only holds the rings back. Warnings and info ring once. One timer for all pages, so a
 * storm of critical alerts still rings at the configured pace, not once per alert.
 */
export class PagerSound {
  /** notificationId -> the alerts that keep it ringing. */
  private readonly pages = new Map<string, { severity: SoundCue['severity']; fingerprints: string[] }>();
  private cancel: (() => void) | null = null;
  private rings = 0;

  constructor(private readonly deps: PagerDeps) {}

  /** A notification was shown with sound on; `repeats` makes it a page. */
  sounded(notificationId: string, severity: SoundCue['severity'], fingerprints: readonly string[], repeats: boolean): void {
    this.deps.play({ notificationId, severity, repeat: 0 });
    if (!repeats) return;
    this.pages.set(notificationId, { severity, fingerprints: [...fingerprints] });
    if (!this.cancel) this.arm();
  }

  /** Drops pages nobody needs to hear any more (after an acknowledge, a resolve, a silence). */
  refresh(): void {
    for (const [id, page] of this.pages) if (!page.fingerprints.some((fp) => this.deps.stillPaging(fp))) this.pages.delete(id);
    if (this.pages.size === 0) this.stop();
  }

  /** Notification ids still ringing, oldest first. */
  ringing(): string[] {
    return [...this.pages.keys()];
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
    this.rings = 0;
    this.pages.clear();
  }

  private arm(): void {
    this.cancel = this.deps.clock.setTimeout(() => this.ring(), this.deps.repeatEvery());
  }

  private ring(): void {
    this.cancel = null;
    this.refresh();
    // The newest page rings: it is the one the notification on screen is about.
    const last = [...this.pages].at(-1);
    if (!last) return;
    if (!this.deps.paused()) this.deps.play({ notificationId: last[0], severity: last[1].severity, repeat: ++this.rings });
    this.arm();
  }
}
