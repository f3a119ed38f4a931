// What a `kind: browser` target costs: Chromium's start, one visit (healthy, and failing with its
// screenshot and evidence files), and the memory and CPU of the browser's processes.
import { readFileSync, readdirSync } from 'node:fs';
import { createChromiumEngine } from '../../main/core/probes/browser/chromium';
import { EvidenceStore } from '../../main/core/probes/browser/evidence';
import { BrowserProber } from '../../main/core/probes/browser/prober';
import { targetSchema } from '../../main/core/probes/config';
import { startPages } from '../integration/probes/browser-pages';
import { tempHome } from '../support/temp-home';
import { median, ms, percentile } from './stats';

const ticks = 100; // USER_HZ on Linux

/** The processes below this one (Chromium's browser, renderer, GPU and utility processes). */
function descendants(): { pssKb: number; cpuMs: number; count: number } {
  const parent = new Map<number, number>();
  const stat = new Map<number, string[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      stat.set(Number(name), fields);
    } catch {
      // gone meanwhile
    }
  }
  let pssKb = 0;
  let cpuMs = 0;
  let count = 0;
  for (const [pid, fields] of stat) {
    let p = parent.get(pid);
    while (p !== undefined && p > 1 && p !== process.pid) p = parent.get(p);
    if (p !== process.pid) continue;
    count++;
    cpuMs += ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
    pssKb += pssOf(pid);
  }
  return { pssKb, cpuMs, count };
}

/** Proportional set size: shared pages split between the processes sharing them, so the sum is honest. */
function pssOf(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export async function run(): Promise<void> {
  const pages = await startPages();
  const { home, cleanup } = tempHome('oncall-bench-evidence-');
  const engine = createChromiumEngine({ executable: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const t0 = performance.now();
    await (await engine.visit('about:blank', { timeoutMs: 10_000, insecure: false })).dispose();
    console.log(`Chromium start (first visit of about:blank): ${ms(performance.now() - t0)}`);
    const idle = descendants();
    console.log(`browser idle: ${idle.count} processes, ${(idle.pssKb / 1024).toFixed(0)} MB (PSS)`);
    const evidence = new EvidenceStore({ dir: home, retentionMs: 86_400_000, maxPerTarget: 1000, isPinned: () => false, now: Date.now });
    const prober = new BrowserProber({ engine: () => ({ visit: (u, o) => engine.visit(u, o), close: () => Promise.resolve() }), evidence, now: Date.now });
    for (const [label, path, conditions] of [
      ['healthy page', '/healthy', ['[JS_ERRORS] == 0']],
      ['failing page (screenshot + evidence files)', '/throws', ['[JS_ERRORS] == 0']],
    ] as const) {
      const times: number[] = [];
      let peakPss = 0;
      const before = descendants().cpuMs;
      const runs = 15;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await prober.run(targetSchema.parse({ name: 'bench', kind: 'browser', url: pages.url(path), interval: '1m', conditions: [...conditions] }));
        times.push(performance.now() - started);
        peakPss = Math.max(peakPss, descendants().pssKb);
      }
      const cpu = (descendants().cpuMs - before) / runs;
      console.log(`${label}: median ${ms(median(times))}, p90 ${ms(percentile(times, 90))}; browser CPU ${cpu.toFixed(0)} ms per visit; browser PSS after visits up to ${(peakPss / 1024).toFixed(0)} MB`);
    }
  } finally {
    await engine.close();
    await pages.close();
    cleanup();
  }
}
