import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumEngine } from '../../../main/core/probes/browser/chromium';
import type { BrowserEngine } from '../../../main/core/probes/browser/engine';
import { EvidenceStore } from '../../../main/core/probes/browser/evidence';
import { BrowserProber } from '../../../main/core/probes/browser/prober';
import { targetSchema } from '../../../main/core/probes/config';
import { tempHome } from '../../support/temp-home';
import { slowAssetMs, startPages, type PagesServer } from './browser-pages';
import { close, httpServer, listen } from './servers';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let pages: PagesServer;
let engine: BrowserEngine;
let evidenceHome: { home: string; cleanup: () => void };
let launchMs = 0;

// One browser for the file (a launch costs about a second); every visit still gets a fresh context.
beforeAll(async () => {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  pages = await startPages();
  evidenceHome = tempHome('oncall-evidence-');
  engine = createChromiumEngine({ executable: chromiumPath });
  const started = performance.now();
  await (await engine.visit('about:blank', { timeoutMs: 10_000, insecure: false })).dispose();
  launchMs = performance.now() - started;
});
afterAll(async () => {
  await engine?.close();
  await pages?.close();
  evidenceHome?.cleanup();
});

function prober(evidence = true): BrowserProber {
  const store = new EvidenceStore({ dir: evidenceHome.home, retentionMs: 86_400_000, maxPerTarget: 50, isPinned: () => false, now: Date.now });
  // The shared engine outlives each prober: closing a prober must not close the file's browser.
  return new BrowserProber({ engine: () => ({ visit: (u, o) => engine.visit(u, o), close: () => Promise.resolve() }), evidence: evidence ? store : null, now: Date.now });
}

function target(name: string, path: string, conditions: string[], extra: Record<string, unknown> = {}) {
  return targetSchema.parse({ name, kind: 'browser', url: pages.url(path), interval: '1m', timeout: '10s', conditions, ...extra });
}

const whitePage = 'has([BODY]) == true';

describe('kind: browser in Debian Chromium', () => {
  it('a healthy page: status, page load, LCP and the rendered text, every condition holds', async () => {
    const { check, measures } = await prober().run(target('healthy', '/healthy', ['[STATUS] == 200', '[PAGE_LOAD] < 3000', '[LCP] < 3000', '[JS_ERRORS] == 0', '[FAILED_REQUESTS] == 0', '[BODY] == pat(*Welcome*)', whitePage]));
    expect(check.conditionResults.filter((c) => !c.ok)).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.evidence).toBeUndefined();
    expect(measures.status).toBe(200);
    expect(measures.bodyText).toContain('Welcome to the shop');
    expect(measures.lcpMs).toBeGreaterThan(0);
    expect(measures.pageLoadMs).toBeGreaterThan(0);
    console.log(`browser start ${Math.round(launchMs)} ms; healthy page visit: load ${Math.round(measures.pageLoadMs)} ms, LCP ${Math.round(measures.lcpMs ?? -1)} ms`);
  });

  it('a page that throws: [JS_ERRORS] counts the uncaught error and the console error; evidence keeps a PNG and their text', async () => {
    const started = performance.now();
    const { check, measures, raw } = await prober().run(target('throws', '/throws', ['[JS_ERRORS] == 0']));
    const runMs = performance.now() - started;
    expect(measures.jsErrors).toHaveLength(2);
    expect(measures.jsErrors.join('\n')).toMatch(/checkout is undefined/);
    expect(measures.jsErrors.join('\n')).toMatch(/cart service said no/);
    expect(check.ok).toBe(false);
    expect(check.conditionResults[0]?.detail).toBe('[JS_ERRORS] (2) == 0');
    const evidence = raw.evidence;
    if (!evidence?.screenshotUrl) throw new Error('a failed check keeps a screenshot');
    const png = readFileSync(fileURLToPath(evidence.screenshotUrl));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const text = readFileSync(fileURLToPath(evidence.consoleUrl), 'utf8');
    expect(text).toContain('Uncaught Error: checkout is undefined');
    expect(text).toContain('cart service said no');
    expect(text).toContain('[JS_ERRORS] (2) == 0');
    console.log(`failing visit with screenshot and evidence: ${Math.round(runMs)} ms`);
  });

  it('a slow asset pushes [PAGE_LOAD] past the threshold; the failed asset also counts', async () => {
    const { check, measures } = await prober(false).run(target('slow', '/slow', ['[PAGE_LOAD] < 1000']));
    expect(measures.pageLoadMs).toBeGreaterThanOrEqual(slowAssetMs - 50);
    expect(check.ok).toBe(false);
    expect(check.conditionResults[0]?.detail).toMatch(/^\[PAGE_LOAD\] \(\d+\) < 1000$/);
    expect(measures.failedRequests).toEqual([`404 ${pages.url('/slow-asset.png?')}`]);
  });

  it('a white page fails the documented white-page condition and has no LCP (so an LCP threshold fails too)', async () => {
    const { check, measures } = await prober(false).run(target('blank', '/blank', [whitePage, '[LCP] < 2500', '[STATUS] == 200']));
    expect(measures.bodyText).toBe('');
    expect(measures.lcpMs).toBeNull();
    expect(check.conditionResults.map((c) => [c.source, c.ok])).toEqual([
      [whitePage, false],
      ['[LCP] < 2500', false],
      ['[STATUS] == 200', true],
    ]);
    expect(check.conditionResults[1]?.detail).toBe('[LCP] (10000) < 2500');
  });

  it('failed sub-requests: an HTTP 404 and a dropped connection; a 500 main document is [STATUS]', async () => {
    const p = prober(false);
    const broken = await p.run(target('broken', '/broken-sub', ['[FAILED_REQUESTS] == 0']));
    expect(broken.measures.failedRequests.sort()).toEqual([`404 ${pages.url('/missing.png')}`, `net::ERR_EMPTY_RESPONSE ${pages.url('/reset.js')}`].sort());
    expect(broken.check.conditionResults[0]?.detail).toBe('[FAILED_REQUESTS] (2) == 0');
    // Chromium's own "Failed to load resource" console lines are network failures, not JS errors.
    expect(broken.measures.jsErrors).toEqual([]);

    const error = await p.run(target('e500', '/error500', ['[STATUS] == 200']));
    expect(error.measures.status).toBe(500);
    expect(error.check.conditionResults[0]?.detail).toBe('[STATUS] (500) == 200');
    expect(error.raw.error).toBeNull();
    // Without conditions a browser target wants a 2xx, as an http one does.
    const plain = await p.run(target('e500-plain', '/error500', []));
    expect(plain.check.reason).toBe('status 500, expected 2xx');
  });

  it('a refused connection and a load timeout fail with their error kind', async () => {
    const p = prober(false);
    // A port that was just free (Chromium refuses "unsafe" ports such as 9 before connecting at all).
    const spare = httpServer(() => undefined);
    const port = await listen(spare);
    await close(spare);
    const refused = await p.run(targetSchema.parse({ name: 'refused', kind: 'browser', url: `http://127.0.0.1:${port}/`, interval: '1m', timeout: '5s' }));
    expect(refused.raw.errorKind).toBe('refused');
    expect(refused.check.ok).toBe(false);
    const timeout = await p.run(target('timeout', '/slow', [], { timeout: '400ms' }));
    expect(timeout.raw.error).toBe('no load event within 400 ms');
    expect(timeout.raw.errorKind).toBe('timeout');
    expect(timeout.measures.status).toBe(200);
  });

  it('one page at a time: two targets due together are queued, the second starts after the first finished', async () => {
    const p = prober(false);
    const [a, b] = await Promise.all([p.run(target('slow-a', '/slow?queue-a', [])), p.run(target('slow-b', '/slow?queue-b', []))]);
    const first = pages.slowSpans.find((s) => s.tag === 'queue-a');
    const second = pages.slowSpans.find((s) => s.tag === 'queue-b');
    if (!first || !second) throw new Error('both pages should have asked for the slow asset');
    expect(second.start).toBeGreaterThanOrEqual(first.end);
    expect(a.queuedMs).toBeLessThan(100);
    expect(b.queuedMs).toBeGreaterThanOrEqual(slowAssetMs - 50);
  });

  it('no cookie or storage survives between runs: each visit starts with a new context', async () => {
    const p = prober(false);
    const before = pages.cookiesSeen.length;
    const first = await p.run(target('cookie', '/cookie', []));
    const second = await p.run(target('cookie', '/cookie', []));
    expect(first.measures.bodyText).toBe('cookie=none storage=none');
    expect(second.measures.bodyText).toBe('cookie=none storage=none');
    expect(pages.cookiesSeen.slice(before)).toEqual([null, null]);
  });

  it('evidence folders are pruned by count, newest kept', async () => {
    const { home, cleanup } = tempHome('oncall-evidence-prune-');
    try {
      const store = new EvidenceStore({ dir: home, retentionMs: 86_400_000, maxPerTarget: 2, isPinned: (id) => id.endsWith('-pin0'), now: Date.now });
      const p = new BrowserProber({ engine: () => ({ visit: (u, o) => engine.visit(u, o), close: () => Promise.resolve() }), evidence: store, now: Date.now });
      for (let i = 0; i < 3; i++) await p.run(target('pruned', '/throws', ['[JS_ERRORS] == 0']));
      expect(readdirSync(`${home}/pruned`)).toHaveLength(2);
    } finally {
      cleanup();
    }
  });
});
