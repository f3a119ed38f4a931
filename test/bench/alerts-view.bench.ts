// The Alerts view under load: 10,000 active alerts in 500 groups, 100 of them changing state every second,
// shown in Debian's Chromium. Prints frame times (requestAnimationFrame intervals), long tasks, and how long
// a key press in the list takes to move the cursor while the updates keep coming.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCliProcess } from '../support/cli';
import { tempHome } from '../support/temp-home';
import { ms, percentile } from './stats';

const total = 10_000;
const groups = 500;
const changesPerSecond = 100;
const measureSeconds = 20;

/**
 * Speaks the two read endpoints of Alertmanager's v2 API the console polls. Every second the next 100
 * alerts flip between active and suppressed (silenced), so each poll sees exactly 100 state changes.
 */
function fakeAlertmanager(): { server: Server; start: () => Promise<string>; stop: () => void } {
  const started = new Date(Date.now() - 3_600_000).toISOString();
  const silenced = new Uint8Array(total);
  let cursor = 0;
  const timer = setInterval(() => {
    for (let i = 0; i < changesPerSecond; i++) {
      silenced[cursor] = silenced[cursor] ? 0 : 1;
      cursor = (cursor + 1) % total;
    }
  }, 1000);
  const alerts = () =>
    Array.from({ length: total }, (_, i) => ({
      labels: { alertname: `Bench${i % 7}`, group: `g${String(i % groups).padStart(3, '0')}`, instance: `host-${i}:9100`, severity: i % 10 === 0 ? 'critical' : 'warning' },
      annotations: { summary: `bench alert ${i}`, description: `synthetic alert number ${i} of ${total}` },
      startsAt: started,
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      fingerprint: i.toString(16).padStart(16, '0'),
      status: silenced[i] ? { state: 'suppressed', silencedBy: ['bench'], inhibitedBy: [] } : { state: 'active', silencedBy: [], inhibitedBy: [] },
    }));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://am').pathname;
    res.writeHead(200, { 'content-type': 'application/json' });
    if (path === '/api/v2/alerts') res.end(JSON.stringify(alerts()));
    else if (path === '/api/v2/silences') res.end('[]');
    else res.end('{}');
  });
  return {
    server,
    start: () =>
      new Promise((resolve) => {
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
      }),
    stop: () => {
      clearInterval(timer);
      server.closeAllConnections();
      server.close();
    },
  };
}

export async function run(): Promise<void> {
  const am = fakeAlertmanager();
  const url = await am.start();
  const { home, cleanup } = tempHome('oncall-bench-alerts-');
  writeFileSync(
    join(home, 'config.yml'),
    `alertmanagers:\n  - name: bench\n    url: ${url}\nalerting:\n  alertmanagerPoll: 1s\n  escalation: { enabled: false }\n  route:\n    group_by: [group]\n`,
  );
  const server = await startCliProcess(['--home', home, 'serve'], /Open: (\S+)\n/);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.match[1]!.replace(/#.*$/, ''));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    const loadStart = performance.now();
    await page.getByTestId('alert-count').filter({ hasText: `${total.toLocaleString('en')} alerts` }).or(page.getByTestId('alert-count').filter({ hasText: `${total} alerts` })).waitFor({ timeout: 60_000 });
    const firstPaint = performance.now() - loadStart;
    // The list is windowed, so count groups from the grid's row count: one header per group plus the alerts.
    const groupRows = Number(await page.getByTestId('alert-list').getAttribute('aria-rowcount')) - total;

    // Frame intervals and long tasks, recorded in the page while the core keeps pushing changes.
    // (Page scripts as strings: this file is type-checked against Node, which has no DOM types.)
    await page.evaluate(`(() => {
      window.frames_ = [];
      window.longTasks_ = [];
      let last = performance.now();
      const tick = (t) => { window.frames_.push(t - last); last = t; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks_.push(e.duration); }).observe({ type: 'longtask' });
    })()`);
    const list = page.getByTestId('alert-list');
    await list.focus();
    const keyLatency: number[] = [];
    const until = Date.now() + measureSeconds * 1000;
    while (Date.now() < until) {
      // One ↓ press: time until the cursor row changed on screen (two frames after the key at best).
      const before = await page.locator('.arow.cursor').getAttribute('aria-rowindex');
      const t0 = performance.now();
      await list.press('ArrowDown');
      await page.locator(`.arow.cursor:not([aria-rowindex="${before ?? ''}"])`).waitFor();
      keyLatency.push(performance.now() - t0);
      await page.waitForTimeout(250);
    }
    const { frames, longTasks } = await page.evaluate<{ frames: number[]; longTasks: number[] }>('({ frames: window.frames_.slice(1), longTasks: window.longTasks_ })');
    const shownAfter = await page.getByTestId('alert-count').textContent();
    const load = loadavg()[0]!.toFixed(1);
    console.log(`(1-minute load average of the machine at the end: ${load})`);
    console.log(`${total} alerts in ${groupRows} groups on screen (count: ${shownAfter ?? '?'}); first list after opening the screen: ${ms(firstPaint)}`);
    console.log(
      `frame intervals over ${measureSeconds} s with ${changesPerSecond} changes/s: p50 ${ms(percentile(frames, 50))}, p95 ${ms(percentile(frames, 95))}, p99 ${ms(percentile(frames, 99))}, max ${ms(Math.max(...frames))} (${frames.length} frames)`,
    );
    console.log(`long tasks (>50 ms): ${longTasks.length}, p50 ${ms(percentile(longTasks, 50))}, max ${ms(longTasks.length ? Math.max(...longTasks) : 0)}, total ${ms(longTasks.reduce((a, b) => a + b, 0))}`);
    console.log(`↓ key to cursor moved (includes the Playwright round trip): p50 ${ms(percentile(keyLatency, 50))}, p95 ${ms(percentile(keyLatency, 95))}, max ${ms(Math.max(...keyLatency))} (${keyLatency.length} presses)`);
  } finally {
    await browser.close();
    await server.stop();
    am.stop();
    cleanup();
  }
}
