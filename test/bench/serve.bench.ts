// The battery figure of issue 12: what the real `oncall serve` process costs with 1,000 HTTP targets
// at 10 s, history on, no browser connected. The health server runs in its own process and this
// script only reads /proc, so neither is counted: the figure is the serve process's own CPU time
// (utime + stime of all its threads), not a load average, so other work on the machine changes it
// little (repeat when the machine is busy: a shared core still slows the process a little).
//
//   npm run bench serve                      5-minute window (the recorded figure)
//   SERVE_BENCH_WINDOW_MS=60000 npm run bench serve   a quicker iteration
//   SERVE_BENCH_PROFILE=DIR                  also writes a V8 CPU profile of serve into DIR
//   SERVE_BENCH_RUNS=N                       N measurements in a row, each with a fresh home
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../support/cli';
import { tempHome } from '../support/temp-home';
import { median } from './stats';

const windowMs = Number(process.env.SERVE_BENCH_WINDOW_MS ?? 300_000);
const warmupMs = Number(process.env.SERVE_BENCH_WARMUP_MS ?? 30_000);
const runs = Number(process.env.SERVE_BENCH_RUNS ?? 1);
const profileDir = process.env.SERVE_BENCH_PROFILE;
const targetCount = 1000;
// Linux reports utime/stime in clock ticks; USER_HZ is 100 on every Linux ABI Node runs on.
const ticksPerSecond = 100;

const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

interface HealthServer {
  port: number;
  requests(): Promise<number>;
  stop(): Promise<void>;
}

/** 1,000 health paths answered by a plain node:http server in a child process; it counts requests. */
async function startHealthServer(): Promise<HealthServer> {
  const script = `
    const body = JSON.stringify({ status: 'ready', checks: { database: true, redis: true } });
    let requests = 0;
    const server = require('node:http').createServer((req, res) => {
      requests++;
      const ok = /^\\/t\\/\\d{4}\\/health$/.test(req.url);
      res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json', 'content-length': ok ? Buffer.byteLength(body) : 2 });
      res.end(ok ? body : '{}');
    });
    server.keepAliveTimeout = 60000;
    process.on('message', () => process.send(requests));
    server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`health server exited ${String(code)}`)));
  });
  return {
    port,
    requests: () =>
      new Promise<number>((resolve) => {
        child.once('message', (n: number) => resolve(n));
        child.send('count');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function writeConfig(home: string, port: number): void {
  const lines = Array.from({ length: targetCount }, (_, i) => {
    const id = String(i).padStart(4, '0');
    return `  - { name: t${id}, url: "http://127.0.0.1:${port}/t/${id}/health", interval: 10s, timeout: 5s }`;
  });
  // History stays on (the default retention); no rule files, so only the probes load the process.
  writeFileSync(join(home, 'config.yml'), `targets:\n${lines.join('\n')}\nrules:\n  builtin: false\n`);
}

/** utime + stime of the whole process (all threads) in ms, and its resident set in bytes. */
function procStat(pid: number): { cpuMs: number; rss: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuMs: ((utime + stime) * 1000) / ticksPerSecond, rss: rssKb * 1024 };
}

async function startServe(home: string): Promise<{ child: ChildProcess; stop(): Promise<void> }> {
  const cli = join(projectRoot, 'out', 'cli', 'oncall.mjs');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, cli, 'serve', '--home', home], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Open: ')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`oncall serve exited ${String(code)} before serving:\n${out}`)));
  });
  return {
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function measureOnce(server: HealthServer, run: number): Promise<void> {
  const { home, cleanup } = tempHome('oncall-bench-serve-');
  writeConfig(home, server.port);
  const serve = await startServe(home);
  const pid = serve.child.pid!;
  try {
    // The first round is spread over 10 s; then the JIT, the pools and SQLite's cache settle.
    await sleep(warmupMs);
    const load0 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    const s0 = procStat(pid);
    const r0 = await server.requests();
    const t0 = performance.now();
    const rss: number[] = [];
    while (performance.now() - t0 < windowMs) {
      await sleep(1_000);
      rss.push(procStat(pid).rss);
    }
    const wall = performance.now() - t0;
    const s1 = procStat(pid);
    const probes = (await server.requests()) - r0;
    const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    const cpuMs = s1.cpuMs - s0.cpuMs;
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `run ${run}: oncall serve, ${targetCount} HTTP targets @ 10 s, history on, no browser; window ${(wall / 1000).toFixed(0)} s after ${(warmupMs / 1000).toFixed(0)} s warm-up: ` +
        `CPU ${((cpuMs / wall) * 100).toFixed(2)} % of one core; ${((cpuMs / probes) * 1000).toFixed(0)} CPU-ms per 1,000 probes; ` +
        `RSS median ${mb(median(rss))}, max ${mb(Math.max(...rss))}; ${probes} probes (${(probes / (wall / 1000)).toFixed(1)}/s, expected ${targetCount / 10}/s); ` +
        `load average ${load0} -> ${load1}`,
    );
  } finally {
    await serve.stop();
    cleanup();
  }
}

export async function run(): Promise<void> {
  if (process.platform !== 'linux') throw new Error('the serve bench reads /proc: Linux only');
  const server = await startHealthServer();
  try {
    for (let i = 1; i <= runs; i++) await measureOnce(server, i);
    if (profileDir) console.log(`CPU profile(s) of oncall serve written to ${profileDir}`);
  } finally {
    await server.stop();
  }
}
