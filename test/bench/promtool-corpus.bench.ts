// promtool corpus speed: every comparable file of ../shared/corpus/promtool-tests run by promtool 2.42 and
// by `oncall rules test` (the built CLI, one process per file as a user runs it), one after the other.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { basename, dirname } from 'node:path';
import { oncallBin } from '../support/cli';
import { promtoolCorpusFiles, promtoolPath } from '../support/promtool-corpus';
import { median } from './stats';

function timed(command: string, args: string[], cwd: string): { seconds: number; code: number } {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: 'ignore', timeout: 600_000 });
  return { seconds: (performance.now() - start) / 1000, code: result.status ?? -1 };
}

export async function run(): Promise<void> {
  const files = promtoolCorpusFiles().filter((f) => !f.listedUnsupported);
  const load = loadavg()[0] ?? 0;
  const promtool: number[] = [];
  const oncall: number[] = [];
  let slowest = { rel: '', promtool: 0, oncall: 0 };
  for (const file of files) {
    const cwd = dirname(file.path);
    const p = timed(promtoolPath, ['test', 'rules', basename(file.path)], cwd);
    const o = timed(process.execPath, [oncallBin, 'rules', 'test', basename(file.path)], cwd);
    promtool.push(p.seconds);
    oncall.push(o.seconds);
    if (o.seconds > slowest.oncall) slowest = { rel: file.rel, promtool: p.seconds, oncall: o.seconds };
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const row = (name: string, xs: number[]) => `${name.padEnd(18)} total ${sum(xs).toFixed(1)} s, median ${median(xs).toFixed(3)} s, max ${Math.max(...xs).toFixed(2)} s`;
  console.log(`${files.length} files, one process per file; 1-minute load average ${load.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after`);
  console.log(row('promtool 2.42', promtool));
  console.log(row('oncall rules test', oncall));
  console.log(`ratio oncall/promtool: total ${(sum(oncall) / sum(promtool)).toFixed(2)}, median ${(median(oncall) / median(promtool)).toFixed(2)}`);
  console.log(`slowest for oncall: ${slowest.rel} (${slowest.oncall.toFixed(2)} s; promtool ${slowest.promtool.toFixed(2)} s)`);
  await Promise.resolve();
}
