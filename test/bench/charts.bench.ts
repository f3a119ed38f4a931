// The Dashboard's latency/success chart (TargetChart, uPlot) with 100,000 raw probe results, in Debian's
// Chromium through `oncall serve`. Prints the time from selecting the target to the chart painted, and the
// redraw time when the chart is resized and when a range is zoomed by dragging (and reset by double-click).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { HistoryStore } from '../../main/core/history/store';
import { closeJournal, openJournal } from '../../main/core/journal';
import { systemClock } from '../../main/core/shared/clock';
import { startCliProcess } from '../support/cli';
import { tempHome } from '../support/temp-home';
import { median, ms, percentile } from './stats';

const points = 100_000;
const stepMs = 850; // 100,000 checks in 23.6 h: all of them raw, inside the chart's 24 h range
const rounds = 15;

/** A day of checks for one target: a daily latency wave with noise, and a few outages. */
function seed(home: string, now: number): void {
  const db = openJournal(join(home, 'journal.db'));
  const history = new HistoryStore(db, systemClock);
  let rand = 42;
  const noise = () => ((rand = (rand * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < points; i++) {
    const at = now - (points - i) * stepMs;
    const down = i % 9_000 < 60;
    const latencyMs = 80 + 60 * Math.sin(i / 4_000) + 40 * noise() + (noise() < 0.002 ? 2_500 : 0);
    history.add({ target: 'bench', at, ok: !down, error: down, latencyMs: down ? null : latencyMs, status: down ? 503 : 200, reason: down ? 'HTTP 503' : null });
    if (i % 10_000 === 9_999) history.flush();
  }
  history.stop();
  closeJournal(db);
}

/** Page scripts as strings: this file is type-checked against Node, which has no DOM types. */
const helpers = `(() => {
  // Resolves after the next frame has run its rendering steps (ResizeObserver, uPlot's redraw) and painted.
  window.afterFrame_ = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  window.longTasks_ = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longTasks_.push(e.duration); }).observe({ type: 'longtask' });
  window.chart_ = () => document.querySelector('[data-testid="target-chart"]');
})()`;

export async function run(): Promise<void> {
  const endpoint = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'));
  await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
  const { home, cleanup } = tempHome('oncall-bench-charts-');
  const seedStart = performance.now();
  seed(home, Date.now());
  const seedMs = performance.now() - seedStart;
  // An hour's interval: the scheduler adds one point at start-up and none while measuring.
  writeFileSync(
    join(home, 'config.yml'),
    `targets:\n  - name: bench\n    url: http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/health\n    interval: 1h\n    timeout: 5s\n    slo: { latencyP50: 150ms, latencyP99: 1s }\n`,
  );
  const server = await startCliProcess(['--home', home, 'serve'], /Open: (\S+)\n/);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.match[1]!);
    const chart = page.locator('[data-testid="target-chart"][data-points]');
    await chart.waitFor({ timeout: 60_000 });
    const shown = Number(await chart.getAttribute('data-points'));
    await page.evaluate(helpers);

    // First render: select the target again; the chart is torn down, the series fetched and drawn anew.
    const firstRender: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = await page.evaluate<number>(`(async () => {
        const row = document.querySelector('[data-testid="target-bench"]');
        const t0 = performance.now();
        row.click();
        await new Promise((r) => { const poll = () => (window.chart_()?.querySelector('canvas') && window.chart_().dataset.points >= ${points} ? r() : setTimeout(poll, 1)); setTimeout(poll, 0); });
        await window.afterFrame_();
        return performance.now() - t0;
      })()`);
      firstRender.push(t);
    }

    // Frame alignment alone (no change), to read the redraw figures against.
    const idle = await page.evaluate<number[]>(`(async () => { const out = []; for (let i = 0; i < ${rounds}; i++) { const t0 = performance.now(); await window.afterFrame_(); out.push(performance.now() - t0); } return out; })()`);

    const resize = await page.evaluate<number[]>(`(async () => {
      const out = [];
      for (let i = 0; i < ${rounds}; i++) {
        const t0 = performance.now();
        window.chart_().style.width = i % 2 ? '1200px' : '860px';
        await window.afterFrame_();
        out.push(performance.now() - t0);
      }
      window.chart_().style.width = '';
      await window.afterFrame_();
      return out;
    })()`);

    // Drag-to-zoom on uPlot's overlay, then double-click to reset: the redraw runs in uPlot's commit
    // (a microtask after mouseup), so "js" is the synchronous cost and "frame" includes the paint.
    const zoom = await page.evaluate<{ js: number[]; frame: number[]; reset: number[]; selected: number }>(`(async () => {
      const over = window.chart_().querySelector('.u-over');
      const box = over.getBoundingClientRect();
      // movementX: uPlot ignores zero-movement mousemoves while dragging (a Chrome quirk it works around).
      const at = (type, x, target) => target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, clientX: box.left + x, clientY: box.top + box.height / 2, movementX: 5, button: 0, buttons: type === 'mouseup' ? 0 : 1, view: window }));
      const selection = over.querySelector('.u-select');
      const js = [], frame = [], reset = [];
      let selected = 0;
      for (let i = 0; i < ${rounds}; i++) {
        const from = box.width * (0.2 + 0.02 * (i % 5)), to = box.width * (0.6 + 0.02 * (i % 4));
        at('mousedown', from, over);
        at('mousemove', (from + to) / 2, over);
        at('mousemove', to, over);
        if (parseFloat(selection.style.width) > 0) selected++;
        const t0 = performance.now();
        at('mouseup', to, document);
        await new Promise((r) => setTimeout(r, 0));
        js.push(performance.now() - t0);
        await window.afterFrame_();
        frame.push(performance.now() - t0);
        const t1 = performance.now();
        at('dblclick', box.width / 2, over);
        await window.afterFrame_();
        reset.push(performance.now() - t1);
      }
      return { js, frame, reset, selected };
    })()`);
    if (zoom.selected !== rounds) throw new Error(`only ${zoom.selected} of ${rounds} drags selected a range: the zoom figures would measure nothing`);
    const longTasks = await page.evaluate<number[]>('window.longTasks_');
    const fmt = (v: number[]) => `p50 ${ms(median(v))}, p95 ${ms(percentile(v, 95))}, max ${ms(Math.max(...v))}`;
    console.log(`(1-minute load average of the machine at the end: ${loadavg()[0]!.toFixed(1)}; seeding ${points} checks took ${ms(seedMs)})`);
    console.log(`points on the chart: ${shown} (raw resolution, 24 h)`);
    console.log(`select target -> chart painted (fetch over WebSocket + JSON + React + uPlot draw), 5 runs: ${fmt(firstRender)}`);
    console.log(`idle frame (rAF + task, no change) baseline: ${fmt(idle)}`);
    console.log(`resize 860 <-> 1200 px -> painted, ${rounds} runs: ${fmt(resize)}`);
    console.log(`drag-zoom mouseup -> redraw done (JS), ${rounds} runs: ${fmt(zoom.js)}`);
    console.log(`drag-zoom mouseup -> painted: ${fmt(zoom.frame)}; double-click reset -> painted: ${fmt(zoom.reset)}`);
    console.log(`long tasks (>50 ms) during the measurements: ${longTasks.length}${longTasks.length ? `, max ${ms(Math.max(...longTasks))}` : ''}`);
  } finally {
    await browser.close();
    await server.stop();
    endpoint.close();
    cleanup();
  }
}
