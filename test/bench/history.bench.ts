// History flush: what the probe loop pays once a second to store results and keep rollups current.
import { join } from 'node:path';
import { HistoryStore } from '../../main/core/history/store';
import { closeJournal, openJournal } from '../../main/core/journal';
import { FakeClock } from '../support/fake-clock';
import { tempHome } from '../support/temp-home';

/** 1,000 targets probed every second for `seconds`: one flush per second into a journal.db file. */
export async function run(): Promise<void> {
  const targets = 1000;
  const seconds = 120;
  const { home, cleanup } = tempHome('oncall-bench-');
  const db = openJournal(join(home, 'journal.db'));
  const clock = new FakeClock(Date.UTC(2026, 10, 23));
  const store = new HistoryStore(db, clock);
  const times: number[] = [];
  try {
    for (let s = 0; s < seconds; s++) {
      for (let t = 0; t < targets; t++) {
        const ok = (s + t) % 50 !== 0;
        store.add({ target: `t${t}`, at: clock.now() + t, ok, error: !ok, latencyMs: ok ? 20 + ((s * 7 + t) % 180) : null, status: ok ? 200 : 503, reason: ok ? null : 'status 503' });
      }
      const started = performance.now();
      store.flush();
      times.push(performance.now() - started);
      clock.advance(1000);
    }
  } finally {
    closeJournal(db);
    cleanup();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  console.log(`flush of ${targets} results + rollups, ${seconds} flushes: median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, ${((targets * seconds) / (times.reduce((a, b) => a + b, 0) / 1000)).toFixed(0)} results/s`);
  await Promise.resolve();
}
