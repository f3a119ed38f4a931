import { join } from 'node:path';
import type { CoreContext, TimelinePort } from '../../context';
import type { TargetConfig } from '../config';
import type { RawResult } from '../runner';
import { createChromiumEngine } from './chromium';
import type { BrowserEngine } from './engine';
import { EvidenceStore } from './evidence';
import { EvidenceLinker } from './evidence-links';
import { BrowserProber } from './prober';

/** Where failed checks' screenshots and console errors go, under the data directory. */
export function evidenceDir(home: string): string {
  return join(home, 'evidence', 'browser');
}

const pruneAllEveryMs = 3_600_000;

/**
 * `kind: browser` targets inside the probe service: the one-page-at-a-time prober, evidence files
 * with retention, and (once the journal is there) evidence entries on attached incidents.
 */
export class BrowserChecks {
  private readonly prober: BrowserProber;
  private linker: EvidenceLinker | null = null;
  private unsubscribe: (() => void)[] = [];
  private readonly evidence: EvidenceStore;
  private lastPruneAll = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ctx: CoreContext,
    engine?: () => BrowserEngine,
  ) {
    const settings = () => ctx.config.current().browser;
    const evidence = (this.evidence = new EvidenceStore({
      dir: evidenceDir(ctx.paths.home),
      get retentionMs() {
        return settings().evidenceRetention;
      },
      get maxPerTarget() {
        return settings().evidencePerTarget;
      },
      isPinned: (id) => this.linker?.isPinned(id) ?? false,
      now: () => ctx.clock.now(),
    }));
    this.prober = new BrowserProber({ engine: engine ?? (() => createChromiumEngine({ executable: settings().executable })), evidence, now: () => ctx.clock.now() });
  }

  async run(target: TargetConfig): Promise<RawResult> {
    const { raw } = await this.prober.run(target);
    // Each write prunes its own target; this catches targets that stopped failing or were removed.
    const now = this.ctx.clock.now();
    if (now - this.lastPruneAll >= pruneAllEveryMs) {
      this.lastPruneAll = now;
      this.evidence.pruneAll();
    }
    return raw;
  }

  /** The journal is built after monitoring; the engine hands its timeline over here. */
  attachEvidence(timeline: TimelinePort): void {
    this.linker = new EvidenceLinker(this.ctx.db, timeline, this.ctx.alerts, () => this.ctx.clock.now());
    const sync = () => this.linker?.sync();
    // A failure on an attached alert changes the alert list; attaching an alert writes to the incident.
    this.unsubscribe.push(this.ctx.bus.on('alerts:changed', sync), this.ctx.bus.on('incidents:changed', sync));
  }

  async close(): Promise<void> {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    await this.prober.close();
  }
}
