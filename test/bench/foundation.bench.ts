// Foundation figures: CLI start-up, browser-mode time to interactive, renderer bundle size.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { oncallBin, projectRoot, startCliProcess } from '../support/cli';
import { tempHome } from '../support/temp-home';
import { median, ms } from './stats';

function wallTimes(args: string[], runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
    times.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${String(result.status)}`);
  }
  return times;
}

export async function run(): Promise<void> {
  const runs = 30;
  const node = median(wallTimes(['-e', '0'], runs));
  const version = median(wallTimes([oncallBin, '--version'], runs));
  console.log(`oncall --version: median ${ms(version)}; node -e 0: median ${ms(node)}; ratio ${(version / node).toFixed(2)}x (${runs} runs each)`);

  const { home, cleanup } = tempHome('oncall-bench-');
  const samples: number[] = [];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const server = await startCliProcess(['--home', home, 'serve'], /Open: (\S+)\n/);
      const page = await browser.newPage();
      await page.goto(server.match[1]!);
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await page.getByRole('button', { name: /Commands/ }).click();
      await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
      samples.push(performance.now() - start);
      await page.close();
      await server.stop();
    }
  } finally {
    await browser.close();
    cleanup();
  }
  console.log(`oncall serve -> page interactive in Chromium (server start, load, first render, palette opens): median ${ms(median(samples))}, runs: ${samples.map((s) => s.toFixed(0)).join(', ')} ms (browser already running)`);

  const assets = join(projectRoot, 'out/renderer/assets');
  let raw = 0;
  let gzip = 0;
  for (const file of readdirSync(assets).filter((f) => /\.(js|css)$/.test(f))) {
    const bytes = readFileSync(join(assets, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  console.log(`renderer bundle (js+css): ${(raw / 1024).toFixed(1)} KiB raw, ${(gzip / 1024).toFixed(1)} KiB gzip`);
}
