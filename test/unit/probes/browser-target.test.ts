import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EvidenceStore } from '../../../main/core/probes/browser/evidence';
import { tempHome } from '../../support/temp-home';
import { evaluateCondition, parseCondition, type ProbeFacts } from '../../../main/core/probes/conditions';
import { targetSchema } from '../../../main/core/probes/config';
import { findChromium, chromiumArgs, NoBrowserError } from '../../../main/core/probes/browser/find-chromium';
import { BrowserProber } from '../../../main/core/probes/browser/prober';
import type { BrowserEngine, PageMeasures } from '../../../main/core/probes/browser/engine';
import { evidenceAnnotations } from '../../../main/core/probes/tracker';

const facts = (browser: ProbeFacts['browser']): ProbeFacts => ({ status: 200, responseTimeMs: 900, body: 'Welcome', certificateExpiresInMs: null, connected: true, ip: null, browser });
const verdict = (text: string, f: ProbeFacts) => evaluateCondition(parseCondition(text), f);
const issues = (input: Record<string, unknown>) => {
  const r = targetSchema.safeParse({ name: 'shop', url: 'http://127.0.0.1:1/', ...input });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('kind: browser targets', () => {
  it('default to a 30 s timeout and take an interval of a minute or more', () => {
    const t = targetSchema.parse({ name: 'shop', kind: 'browser', url: 'http://127.0.0.1:1/', interval: '1m' });
    expect(t.timeout).toBe(30_000);
    expect(targetSchema.parse({ name: 'api', url: 'http://127.0.0.1:1/' }).timeout).toBe(5_000);
    expect(issues({ kind: 'browser', interval: '59s', timeout: '10s' })).toEqual(['interval: a browser target is checked at most once a minute: interval must be at least 1m']);
    expect(issues({ kind: 'browser', interval: '5m', method: 'POST' })).toEqual(['method: a browser target loads the page with GET; method and body do not apply']);
    expect(issues({ kind: 'browser', interval: '5m', url: 'tcp://127.0.0.1:1' })).toEqual(['url: kind: browser needs an http:// or https:// URL']);
    expect(issues({ kind: 'tcp', url: 'http://127.0.0.1:1/' })).toEqual(['url: kind: tcp needs a tcp://host:port URL']);
  });

  it('browser placeholders on a plain http target are a config error, not a condition that silently holds', () => {
    expect(issues({ conditions: ['[STATUS] == 200', '[js_errors] == 0'] })).toEqual(['conditions.1: [js_errors] only exist on targets with kind: browser']);
    expect(issues({ kind: 'browser', interval: '1m', conditions: ['[JS_ERRORS] == 0', '[LCP] < 2500'] })).toEqual([]);
  });

  it('resolves the placeholders; no contentful paint reads as the timeout, so an LCP threshold fails', () => {
    const measured = facts({ pageLoadMs: 3412.7, lcpMs: 1200.2, jsErrors: 2, failedRequests: 1, timeoutMs: 30_000 });
    expect(verdict('[PAGE_LOAD] < 3000', measured)).toMatchObject({ ok: false, detail: '[PAGE_LOAD] (3412) < 3000' });
    expect(verdict('[LCP] < 2500', measured).ok).toBe(true);
    expect(verdict('[JS_ERRORS] == 0', measured)).toMatchObject({ ok: false, detail: '[JS_ERRORS] (2) == 0' });
    expect(verdict('[FAILED_REQUESTS] > 0', measured).ok).toBe(true);
    expect(verdict('[BODY] == pat(*Welcome*)', measured).ok).toBe(true);
    const blank = { ...facts({ pageLoadMs: 80, lcpMs: null, jsErrors: 0, failedRequests: 0, timeoutMs: 30_000 }), body: '' };
    expect(verdict('[LCP] < 2500', blank)).toMatchObject({ ok: false, detail: '[LCP] (30000) < 2500' });
    expect(verdict('has([BODY]) == true', blank)).toMatchObject({ ok: false, detail: 'has([BODY]) (false) == true' });
    // On an http target they are not placeholders (config check refuses them there).
    expect(verdict('[JS_ERRORS] == 0', facts(null)).ok).toBe(false);
  });

  it('evidence becomes alert annotations', () => {
    expect(evidenceAnnotations({ id: 'shop/x', screenshotUrl: 'file:///h/s.png', consoleUrl: 'file:///h/c.txt' })).toEqual({ evidence_id: 'shop/x', screenshot: 'file:///h/s.png', console_errors: 'file:///h/c.txt' });
  });

  it('finds Chromium on PATH or where configured; a wrong configured path is an error, not another browser', () => {
    expect(findChromium(undefined, { PATH: '/nonexistent:/usr/bin' })).toBe('/usr/bin/chromium');
    expect(() => findChromium(undefined, { PATH: '/nonexistent' })).toThrow(NoBrowserError);
    expect(() => findChromium('/opt/nope/chrome', { PATH: '/usr/bin' })).toThrow(/browser.executable "\/opt\/nope\/chrome" is not an executable file/);
    expect(chromiumArgs(true)[0]).toBe('--no-sandbox');
    expect(chromiumArgs(false)).not.toContain('--no-sandbox');
  });

  it('without a browser the check fails and says why', async () => {
    const engine: BrowserEngine = { visit: () => Promise.reject(new Error('no Chromium found on PATH')), close: () => Promise.resolve() };
    const prober = new BrowserProber({ engine: () => engine, evidence: null, now: () => 1 });
    const run = await prober.run(targetSchema.parse({ name: 'shop', kind: 'browser', url: 'http://127.0.0.1:1/', interval: '1m' }));
    expect(run.check.ok).toBe(false);
    expect(run.check.reason).toContain('browser: no Chromium found on PATH');
  });

  it('runs one visit at a time in order, and the queue survives a visit that throws', async () => {
    const log: string[] = [];
    let open = 0;
    const measures: PageMeasures = { status: 200, pageLoadMs: 1, lcpMs: 1, jsErrors: [], failedRequests: [], bodyText: 'x', error: null, errorKind: null };
    const engine: BrowserEngine = {
      visit: async (url) => {
        open++;
        expect(open).toBe(1);
        log.push(`start ${url}`);
        await new Promise((r) => setTimeout(r, 5));
        open--;
        if (url.endsWith('/b')) throw new Error('boom');
        log.push(`end ${url}`);
        return { measures, screenshot: () => Promise.resolve(null), dispose: () => Promise.resolve() };
      },
      close: () => Promise.resolve(),
    };
    const prober = new BrowserProber({ engine: () => engine, evidence: null, now: () => 1 });
    const t = (p: string) => targetSchema.parse({ name: 'shop', kind: 'browser', url: `http://127.0.0.1:1${p}`, interval: '1m' });
    const results = await Promise.all([prober.run(t('/a')), prober.run(t('/b')), prober.run(t('/c'))]);
    expect(log).toEqual(['start http://127.0.0.1:1/a', 'end http://127.0.0.1:1/a', 'start http://127.0.0.1:1/b', 'start http://127.0.0.1:1/c', 'end http://127.0.0.1:1/c']);
    expect(results.map((r) => r.check.ok)).toEqual([true, false, true]);
    expect(prober.pending).toBe(0);
  });
});

describe('evidence retention', () => {
  it('drops folders older than the retention by the clock the core runs on, keeps pinned ones, and reaches removed targets', () => {
    const { home, cleanup } = tempHome('oncall-evidence-age-');
    try {
      let now = Date.parse('2026-12-01T00:00:00Z');
      const pinned = new Set<string>();
      const store = new EvidenceStore({ dir: home, retentionMs: 86_400_000, maxPerTarget: 50, isPinned: (id) => pinned.has(id), now: () => now });
      const measures: PageMeasures = { status: 500, pageLoadMs: 1, lcpMs: null, jsErrors: ['x'], failedRequests: [], bodyText: '', error: null, errorKind: null };
      const old = store.keep({ target: 'gone', url: 'http://127.0.0.1:1/', at: now, reason: 'r', measures, screenshot: null });
      const kept = store.keep({ target: 'gone', url: 'http://127.0.0.1:1/', at: now + 1, reason: 'r', measures, screenshot: null });
      pinned.add(kept.id);
      expect(old.screenshotUrl).toBeNull();
      now += 2 * 86_400_000;
      const fresh = store.keep({ target: 'shop', url: 'http://127.0.0.1:1/', at: now, reason: 'r', measures, screenshot: Buffer.from('png') });
      expect(readdirSync(`${home}/gone`)).toHaveLength(2);
      store.pruneAll();
      expect(readdirSync(`${home}/gone`)).toEqual([kept.id.split('/')[1]]);
      expect(readdirSync(`${home}/shop`)).toEqual([fresh.id.split('/')[1]]);
    } finally {
      cleanup();
    }
  });
});
