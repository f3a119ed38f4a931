import type { TargetConfig } from '../config';
import { redactUrl } from '../../shared/redact';
import { judge, type Check } from '../evaluate';
import type { RawResult } from '../runner';
import type { BrowserEngine, PageMeasures } from './engine';
import type { EvidenceStore } from './evidence';

export type BrowserTarget = Pick<TargetConfig, 'name' | 'url' | 'timeout' | 'insecure' | 'conditions' | 'expectStatus' | 'latency' | 'certificateExpiry'>;

export interface BrowserRun {
  raw: RawResult;
  /** The full texts behind the counts (the CLI prints them). */
  measures: PageMeasures;
  check: Check;
  /** Time spent waiting for the page before it in the queue. */
  queuedMs: number;
}

export interface BrowserProberDeps {
  /** Created on the first visit, so a config without browser targets never starts a browser. */
  engine: () => BrowserEngine;
  evidence: EvidenceStore | null;
  now(): number;
}

/**
 * Runs `kind: browser` checks one page at a time across all browser targets (a page load takes a
 * renderer process and a few hundred ms of CPU; two at once on a laptop is how fans start). Judges
 * each result while the page is still open, so only a failing check pays for a screenshot.
 */
export class BrowserProber {
  private tail: Promise<unknown> = Promise.resolve();
  private engine: BrowserEngine | null = null;
  private waiting = 0;

  constructor(private readonly deps: BrowserProberDeps) {}

  /** Checks queued or running now. */
  get pending(): number {
    return this.waiting;
  }

  run(target: BrowserTarget): Promise<BrowserRun> {
    const queuedAt = performance.now();
    this.waiting++;
    const turn = this.tail.then(() => this.visit(target, performance.now() - queuedAt));
    // The queue moves on whatever this check did.
    this.tail = turn.catch(() => undefined).finally(() => this.waiting--);
    return turn;
  }

  async close(): Promise<void> {
    const engine = this.engine;
    this.engine = null;
    await this.tail;
    await engine?.close();
  }

  private async visit(target: BrowserTarget, queuedMs: number): Promise<BrowserRun> {
    const at = this.deps.now();
    const started = performance.now();
    let visit;
    try {
      this.engine ??= this.deps.engine();
      visit = await this.engine.visit(target.url, { timeoutMs: target.timeout, insecure: target.insecure });
    } catch (err) {
      // No browser to be had (none installed, it failed to start): the check fails and says why.
      const measures: PageMeasures = { status: null, pageLoadMs: performance.now() - started, lcpMs: null, jsErrors: [], failedRequests: [], bodyText: '', error: `browser: ${(err as Error).message}`, errorKind: 'other' };
      const raw = toRaw(at, measures, target.timeout);
      return { raw, measures, check: judge(target, raw, at), queuedMs };
    }
    try {
      const measures = visit.measures;
      const raw = toRaw(at, measures, target.timeout);
      let check = judge(target, raw, at);
      if (!check.ok && this.deps.evidence) {
        raw.evidence = this.deps.evidence.keep({ target: target.name, url: redactUrl(target.url), at, reason: check.reason, measures, screenshot: await visit.screenshot() });
        check = { ...check, evidence: raw.evidence };
      }
      return { raw, measures, check, queuedMs };
    } finally {
      await visit.dispose();
    }
  }
}

function toRaw(at: number, m: PageMeasures, timeoutMs: number): RawResult {
  return {
    at,
    // [RESPONSE_TIME] and the latency history of a browser target are its page load time.
    durationMs: m.pageLoadMs,
    connected: m.status !== null,
    status: m.status,
    body: m.bodyText,
    certExpiresAt: null,
    ip: null,
    error: m.error,
    errorKind: m.errorKind,
    browser: { pageLoadMs: m.pageLoadMs, lcpMs: m.lcpMs, jsErrors: m.jsErrors.length, failedRequests: m.failedRequests.length, timeoutMs },
  };
}
