// The Incidents list under a big journal (issue 3: "virtualised so 50,000 incidents scroll smoothly"), shown in
// Debian's Chromium over `oncall serve`. Prints frame times (requestAnimationFrame intervals) and long tasks
// while the list is scrolled top → bottom → top for 10 s, and how long a jump to the end takes until the
// last row shows its incident instead of "Loading…".
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startCliProcess } from '../support/cli';
import { tempHome } from '../support/temp-home';
import { generate } from './journal.bench';
import { median, ms, percentile } from './stats';

const total = 50_000; // what generate() writes
const scrollSeconds = 10;
const jumps = 5;

async function openList(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).click();
  const start = performance.now();
  await page.getByTestId('incident-count').filter({ hasText: `${total.toLocaleString('en')} incidents` }).waitFor({ timeout: 60_000 });
  // The first row with real content (a loaded row has one cell per column, a loading one a single cell).
  await page.locator('[data-testid="incident-rows"] .vrow[aria-rowindex="2"] .c-title').waitFor({ timeout: 60_000 });
  return performance.now() - start;
}

/**
 * Sets the list's scrollTop to the bottom and waits, frame by frame in the page, until the last row is
 * rendered with its incident; measured in the page, so no Playwright round trip is included.
 * (Page scripts as strings: this file is type-checked against Node, which has no DOM types.)
 */
function jumpToEnd(page: Page): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve, reject) => {
    const list = document.querySelector('[data-testid="incident-rows"]');
    const start = performance.now();
    list.scrollTop = list.scrollHeight;
    const check = () => {
      const last = list.querySelector('.vrow[aria-rowindex="${total + 1}"]');
      if (last && last.querySelector('.c-title')) resolve(performance.now() - start);
      else if (performance.now() - start > 30000) reject(new Error('last row not loaded after 30 s'));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`);
}

export async function run(): Promise<void> {
  const { home, cleanup } = tempHome('oncall-bench-incidents-view-');
  const path = join(home, 'journal.db');
  let start = performance.now();
  generate(path);
  console.log(`generated ${total.toLocaleString('en')} incidents (and the journal bench's 2,000,000 entries) in ${((performance.now() - start) / 1000).toFixed(1)} s; journal.db ${(statSync(path).size / 1048576).toFixed(0)} MiB`);
  start = performance.now();
  const server = await startCliProcess(['--home', home, 'serve'], /Open: (\S+)\n/);
  console.log(`oncall serve ready after ${ms(performance.now() - start)}`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const url = server.match[1]!.replace(/#.*$/, '');

    // Cold jumps: the page cache of the list lives in the page, so each jump starts from a fresh load.
    const firstRows: number[] = [];
    const jumpTimes: number[] = [];
    for (let i = 0; i < jumps; i++) {
      firstRows.push(await openList(page, url));
      jumpTimes.push(await jumpToEnd(page));
    }

    await openList(page, url);
    const rowCount = Number(await page.getByRole('table', { name: 'Incidents' }).getAttribute('aria-rowcount')) - 1;
    // One sweep down and back in 10 s, the scroll position set every frame from the clock (about 5,700 px,
    // ~170 rows, per frame: a fling far faster than a wheel, so nearly every frame needs rows not fetched
    // yet). Each frame also counts the rendered rows still showing "Loading…".
    const sweep = await page.evaluate<{ frames: number[]; longTasks: number[]; loadingFrames: number; maxScrollTop: number }>(`new Promise((resolve) => {
      const list = document.querySelector('[data-testid="incident-rows"]');
      const max = list.scrollHeight - list.clientHeight;
      const frames = [];
      const longTasks = [];
      let loadingFrames = 0;
      const observer = new PerformanceObserver((l) => { for (const e of l.getEntries()) longTasks.push(e.duration); });
      observer.observe({ type: 'longtask' });
      const duration = ${scrollSeconds * 1000};
      const t0 = performance.now();
      let last = t0;
      const tick = (t) => {
        frames.push(t - last);
        last = t;
        if (list.querySelector('.vrow > .vcell.muted:only-child')) loadingFrames++;
        const phase = (t - t0) / duration;
        if (phase >= 1) {
          observer.disconnect();
          resolve({ frames: frames.slice(1), longTasks, loadingFrames, maxScrollTop: max });
          return;
        }
        list.scrollTop = Math.round(max * (phase < 0.5 ? phase * 2 : 2 - phase * 2));
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })`);
    const { frames, longTasks } = sweep;
    const cachedJump = await (async () => {
      await page.evaluate(`document.querySelector('[data-testid="incident-rows"]').scrollTop = 0`);
      return jumpToEnd(page);
    })();

    console.log(`(1-minute load average of the machine at the end: ${loadavg()[0]!.toFixed(1)})`);
    console.log(`${rowCount.toLocaleString('en')} rows in the list (${(sweep.maxScrollTop / 1e6).toFixed(2)} M px); first rows after opening the screen: median ${ms(median(firstRows))} (${jumps} loads)`);
    console.log(`jump to the end until the last row shows its incident (fresh page each time): median ${ms(median(jumpTimes))}, max ${ms(Math.max(...jumpTimes))} (${jumpTimes.map((t) => t.toFixed(0)).join(', ')} ms); after the sweep (pages cached): ${ms(cachedJump)}`);
    console.log(
      `frame intervals over a ${scrollSeconds} s sweep top → bottom → top: p50 ${ms(percentile(frames, 50))}, p95 ${ms(percentile(frames, 95))}, p99 ${ms(percentile(frames, 99))}, max ${ms(Math.max(...frames))} (${frames.length} frames; ${sweep.loadingFrames} showed a "Loading…" row)`,
    );
    console.log(`long tasks (>50 ms): ${longTasks.length}, p50 ${ms(longTasks.length ? percentile(longTasks, 50) : 0)}, max ${ms(longTasks.length ? Math.max(...longTasks) : 0)}, total ${ms(longTasks.reduce((a, b) => a + b, 0))}`);
  } finally {
    await browser.close();
    await server.stop();
    cleanup();
  }
}
