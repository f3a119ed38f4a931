import type { EscalationContact, Priority } from '../../../preload/contract';
import type { Clock } from '../shared/clock';
import type { AlertingConfig } from './config';
import type { PolicyAlert } from './policy';

export interface EscalationReminder {
  fingerprint: string;
  level: number;
  contact: EscalationContact;
  priority: Priority;
  firedAt: number;
}

export interface EscalationDeps {
  clock: Clock;
  /** Levels already reminded for this alert (persisted, so a restart does not remind twice). */
  reminded(fingerprint: string): Set<number>;
  remind(reminder: EscalationReminder): void;
}

/**
 * Seed 000 §3.3 / seed 004: a P1 or P2 still unresolved 30 minutes after it fired prompts
 * "escalate to level 2", after 60 minutes level 3. One timer per pending level per alert; the timers
 * go away when the alert resolves. Acknowledging does not stop escalation: an acknowledged outage
 * that lasts an hour still needs the lead.
 */
export class EscalationTracker {
  private readonly timers = new Map<string, (() => void)[]>();

  constructor(
    private config: AlertingConfig['escalation'],
    private readonly deps: EscalationDeps,
  ) {}

  /** New levels or priorities: every timer is armed again for the alerts firing now. */
  setConfig(config: AlertingConfig['escalation'], entries: Iterable<PolicyAlert>): void {
    this.config = config;
    this.clear();
    for (const e of entries) this.track(e.alert.fingerprint, e);
  }

  /** Applies the alerts whose decoration changed (`after` undefined: it left). */
  apply(changes: readonly { fingerprint: string; after: { policy: PolicyAlert } | undefined }[]): void {
    for (const c of changes) this.track(c.fingerprint, c.after?.policy);
  }

  stop(): void {
    this.clear();
  }

  private track(fp: string, e: PolicyAlert | undefined): void {
    const live = this.config.enabled && e !== undefined && e.alert.state === 'firing' && this.config.priorities.includes(e.priority);
    if (live) {
      if (!this.timers.has(fp)) this.arm(e);
      return;
    }
    for (const c of this.timers.get(fp) ?? []) c();
    this.timers.delete(fp);
  }

  private clear(): void {
    for (const cancels of this.timers.values()) for (const c of cancels) c();
    this.timers.clear();
  }

  private arm(e: PolicyAlert): void {
    const fp = e.alert.fingerprint;
    const firedAt = e.alert.firedAt ?? e.alert.activeAt ?? this.deps.clock.now();
    const done = this.deps.reminded(fp);
    const cancels: (() => void)[] = [];
    for (const level of this.config.levels) {
      if (done.has(level.level)) continue;
      const delay = Math.max(0, firedAt + level.after - this.deps.clock.now());
      const contact: EscalationContact = { name: level.name, ...(level.phone ? { phone: level.phone } : {}), ...(level.chat ? { chat: level.chat } : {}) };
      cancels.push(this.deps.clock.setTimeout(() => this.deps.remind({ fingerprint: fp, level: level.level, contact, priority: e.priority, firedAt }), delay));
    }
    this.timers.set(fp, cancels);
  }
}
