// Monitoring figures (issue 4): probe load and throughput, one pass of the awesome-prometheus-alerts
// corpus against a real Prometheus, and detection latency. Every peer runs on loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { join } from 'node:path';
import { createEngine } from '../../main/core/engine';
import { HistoryStore } from '../../main/core/history/store';
import { closeJournal, openJournal } from '../../main/core/journal';
import { createProbeRunner } from '../../main/core/probes/runner';
import { ProbeScheduler, type ScheduledTarget } from '../../main/core/probes/scheduler';
import { envSecretResolver } from '../../main/core/probes/secrets';
import { PrometheusClient } from '../../main/core/prometheus/client';
import { RuleGroup } from '../../main/core/rules/group';
import { loadRuleFiles } from '../../main/core/rules/loader';
import { parseRuleFile } from '../../main/core/rules/parse';
import { systemClock } from '../../main/core/shared/clock';
import { targetSchema } from '../../main/core/probes/config';
import { projectRoot } from '../support/cli';
import { prometheusApi, startExporter, startPrometheus } from '../support/prometheus';
import { tempHome } from '../support/temp-home';
import { median, ms, percentile } from './stats';

const sleep = (n: number) => new Promise((r) => setTimeout(r, n));
const loadWindowMs = Number(process.env.MONITORING_BENCH_WINDOW_MS ?? 60_000);

/** The health endpoint every target points at, in its own process so its CPU is not the console's. */
async function startHealthServer(): Promise<{ port: number; stop(): Promise<void> }> {
  const script = `
    const body = JSON.stringify({ status: 'ready', checks: { database: true, redis: true } });
    const server = require('node:http').createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    server.keepAliveTimeout = 60000;
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once('exit', (code) => reject(new Error(`health server exited ${String(code)}`)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** 1,000 targets at 10 s through the whole engine (scheduler, history in journal.db, alert feed). */
async function load(port: number): Promise<void> {
  const { home, cleanup } = tempHome('oncall-bench-');
  const targets = Array.from({ length: 1000 }, (_, i) => `  - { name: t${String(i).padStart(4, '0')}, url: "http://127.0.0.1:${port}/health/ready?i=${i}", interval: 10s, timeout: 5s }`);
  writeFileSync(join(home, 'config.yml'), `targets:\n${targets.join('\n')}\nrules:\n  builtin: false\n`);
  const engine = createEngine({ home, resourcesDir: join(projectRoot, 'resources'), ports: { face: 'cli', notify: () => undefined, openExternal: () => Promise.resolve() } });
  const rows = () => (engine.ctx.db.prepare('SELECT count(*) AS n FROM probe_results').get() as { n: number }).n;
  try {
    await engine.start();
    // Warm-up: the first round is spread over 10 s, then JIT and pools settle.
    await sleep(15_000);
    const rss: number[] = [];
    const rows0 = rows();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    while (performance.now() - t0 < loadWindowMs) {
      await sleep(1_000);
      rss.push(process.memoryUsage().rss);
    }
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const probes = rows() - rows0;
    const up = (await engine.handlers['monitoring:targets']({})).targets.filter((t) => t.health === 'up').length;
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `1,000 HTTP targets @ 10 s (engine in this process, server in another), window ${(wall / 1000).toFixed(0)} s after 15 s warm-up: ` +
        `CPU ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(1)} % of one core (user ${(cpu.user / 1000 / wall * 100).toFixed(1)} %, system ${(cpu.system / 1000 / wall * 100).toFixed(1)} %); ` +
        `RSS median ${mb(median(rss))}, max ${mb(Math.max(...rss))}; ${probes} probes recorded (${(probes / (wall / 1000)).toFixed(1)}/s, expected 100/s); ${up}/1000 up`,
    );
  } finally {
    await engine.close();
    cleanup();
  }
}

/** Probes per second: the scheduler driven past its capacity vs bare client loops at the same concurrency. */
async function throughput(port: number): Promise<void> {
  const windowMs = 10_000;
  const concurrency = 64;
  const urls = Array.from({ length: 1000 }, (_, i) => `http://127.0.0.1:${port}/health/ready?i=${i}`);

  const { home, cleanup } = tempHome('oncall-bench-');
  const db = openJournal(join(home, 'journal.db'));
  const history = new HistoryStore(db, systemClock);
  const runner = createProbeRunner(envSecretResolver());
  let checks = 0;
  const scheduler = new ProbeScheduler({
    clock: systemClock,
    run: runner.run,
    network: { online: () => true },
    maxConcurrent: concurrency,
    onCheck: (t, c) => {
      checks++;
      history.add({ target: t.name, at: c.at, ok: c.ok, error: c.error, latencyMs: c.latencyMs, status: c.status, reason: c.reason });
    },
    publishAlerts: () => undefined,
    publishSystem: () => undefined,
    onSnapshot: () => undefined,
  });
  // The schema's 1 s floor is for users; here a 50 ms interval asks for 20,000 probes/s so the
  // scheduler, not the demand, is the limit.
  const base = targetSchema.parse({ name: 'x', url: urls[0], interval: '10s', timeout: '5s' });
  scheduler.setTargets(urls.map((url, i): ScheduledTarget => ({ ...base, name: `t${i}`, url, interval: 50 })));
  scheduler.start();
  await sleep(3_000);
  const c0 = checks;
  const t0 = performance.now();
  await sleep(windowMs);
  const schedRate = (checks - c0) / ((performance.now() - t0) / 1000);
  scheduler.stop();
  await sleep(500);
  history.stop();
  runner.close();
  closeJournal(db);
  cleanup();

  const loop = async (one: (url: string) => Promise<void>): Promise<number> => {
    let done = 0;
    let stop = false;
    const worker = async (w: number) => {
      for (let i = w; !stop; i = (i + concurrency) % urls.length) {
        await one(urls[i]!);
        done++;
      }
    };
    const workers = Array.from({ length: concurrency }, (_, w) => worker(w));
    await sleep(2_000);
    const d0 = done;
    const s = performance.now();
    await sleep(windowMs);
    const rate = (done - d0) / ((performance.now() - s) / 1000);
    stop = true;
    await Promise.all(workers);
    return rate;
  };
  // Node's fetch is undici.
  const fetchRate = await loop(async (url) => {
    const res = await fetch(url);
    await res.text();
  });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const httpRate = await loop(
    (url) =>
      new Promise<void>((resolve, reject) => {
        request(url, { agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
          .on('error', reject)
          .end();
      }),
  );
  agent.destroy();
  console.log(
    `raw throughput, ${concurrency} in flight, 10 s windows: scheduler (runner + conditions + hysteresis + history) ${schedRate.toFixed(0)} probes/s; ` +
      `bare fetch (undici) loop ${fetchRate.toFixed(0)}/s -> ratio ${(schedRate / fetchRate).toFixed(2)}; bare node:http loop ${httpRate.toFixed(0)}/s -> ratio ${(schedRate / httpRate).toFixed(2)}`,
  );
}

function corpusFiles(): string[] {
  const root = join(projectRoot, '..', 'shared', 'corpus', 'prometheus-rules', 'awesome-prometheus-alerts');
  if (!existsSync(root)) throw new Error(`rule corpus not found at ${root}`);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name)) out.push(path);
    }
  };
  walk(root);
  return out;
}

/** Counts queries in flight as Prometheus sees them: an HTTP relay in front of it. */
async function countingRelay(upstreamPort: number): Promise<{ url: string; maxInFlight: () => number; total: () => number; stop(): Promise<void> }> {
  let inFlight = 0;
  let max = 0;
  let total = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: 100 });
  const server = createServer((req, res) => {
    inFlight++;
    total++;
    max = Math.max(max, inFlight);
    const up = request({ host: '127.0.0.1', port: upstreamPort, path: req.url, method: req.method, headers: req.headers, agent }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
      r.on('end', () => inFlight--);
    });
    up.on('error', () => {
      inFlight--;
      res.destroy();
    });
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    maxInFlight: () => max,
    total: () => total,
    stop: () =>
      new Promise<void>((r) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** One evaluation pass of every alerting rule in the corpus, all groups at once as at start-up. */
async function corpusPass(): Promise<void> {
  const files = loadRuleFiles(corpusFiles());
  const groups = files.flatMap((f) => f.groups);
  const alerting = groups.flatMap((g) => g.rules).filter((r) => r.kind === 'alerting').length;
  const rejected = files.filter((f) => f.errors.length > 0).length;
  const exporter = await startExporter();
  exporter.set('up_bench', {}, 1);
  const prom = await startPrometheus({ targets: [exporter.target], scrapeSelf: true });
  const relay = await countingRelay(prom.port);
  try {
    // Let a few scrapes land so rate() and friends have two points.
    await sleep(4_000);
    const passOnce = async (url: string, maxConcurrency: number) => {
      const client = new PrometheusClient({ name: 'bench', url, maxConcurrency });
      const deps = { clock: systemClock, defaultInterval: 60_000, externalLabels: {}, externalUrl: url, query: (e: string, t: number) => client.queryVector(e, t) };
      const running = groups.map((def) => new RuleGroup(def, deps));
      const at = Date.now();
      const start = performance.now();
      const results = await Promise.all(running.map((g) => g.evaluate(at)));
      const wall = performance.now() - start;
      client.close();
      const active = running.flatMap((g) => g.rules).reduce((n, r) => n + r.activeAlerts().length, 0);
      return { wall, peak: client.limiter.peak, unavailable: results.filter((r) => r.unavailable).length, failed: results.reduce((n, r) => n + r.failed, 0), active };
    };
    for (const maxConcurrency of [10, 20]) {
      await passOnce(prom.url, maxConcurrency);
      const walls: number[] = [];
      let last = await passOnce(prom.url, maxConcurrency);
      walls.push(last.wall);
      for (let i = 0; i < 4; i++) {
        last = await passOnce(prom.url, maxConcurrency);
        walls.push(last.wall);
      }
      const before = relay.total();
      const relayed = await passOnce(relay.url, maxConcurrency);
      console.log(
        `corpus pass, ${alerting} alerting rules in ${groups.length} groups from ${files.length} files (${rejected} files rejected), maxConcurrency ${maxConcurrency}: ` +
          `wall median ${ms(median(walls))}, max ${ms(Math.max(...walls))} (5 passes, after 1 warm-up); limiter peak ${last.peak}; ` +
          `in flight at Prometheus (relay) max ${relay.maxInFlight()} over ${relay.total() - before} requests; ` +
          `rules failing ${last.failed}, alerts active ${last.active}, groups unavailable ${last.unavailable + relayed.unavailable}`,
      );
    }
  } finally {
    await relay.stop();
    await prom.stop();
    await exporter.stop();
  }
}

/** Time from the exporter flipping to the alert firing, in the console and in Prometheus itself. */
async function detection(): Promise<void> {
  const rules = `groups:\n  - name: detect\n    interval: 1s\n    rules:\n      - alert: BenchDown\n        expr: bench_ok == 0\n        for: 2s\n`;
  const exporter = await startExporter();
  exporter.set('bench_ok', {}, 1);
  const prom = await startPrometheus({ targets: [exporter.target], ruleFiles: [rules] });
  const client = new PrometheusClient({ name: 'bench', url: prom.url });
  let firedAt = 0;
  let resolvedAt = 0;
  const group = new RuleGroup(parseRuleFile(rules, 'detect.yml').groups[0]!, {
    clock: systemClock,
    defaultInterval: 1_000,
    externalLabels: {},
    externalUrl: prom.url,
    query: (e, t) => client.queryVector(e, t),
    onResult: (_g, r) => {
      for (const tr of r.transitions) {
        if (tr.to === 'firing') firedAt = Date.now();
        if (tr.to === 'resolved') resolvedAt = Date.now();
      }
    },
  });
  const promFiring = async () => (await prometheusApi<{ alerts: { state: string }[] }>(prom.url, 'alerts')).alerts.some((a) => a.state === 'firing');
  const ours: number[] = [];
  const theirs: number[] = [];
  try {
    await sleep(3_000);
    group.start();
    for (let i = 0; i < 6; i++) {
      // A random phase against the scrape and evaluation ticks.
      await sleep(Math.random() * 1_000);
      firedAt = 0;
      const flip = Date.now();
      exporter.set('bench_ok', {}, 0);
      let promAt = 0;
      while (!firedAt || !promAt) {
        if (!promAt && (await promFiring())) promAt = Date.now();
        await sleep(20);
        if (Date.now() - flip > 20_000) throw new Error('alert did not fire within 20 s');
      }
      ours.push(firedAt - flip);
      theirs.push(promAt - flip);
      resolvedAt = 0;
      exporter.set('bench_ok', {}, 1);
      while (!resolvedAt || (await promFiring())) await sleep(50);
    }
  } finally {
    group.stop();
    await group.idle();
    client.close();
    await prom.stop();
    await exporter.stop();
  }
  const list = (v: number[]) => v.map((x) => (x / 1000).toFixed(2)).join(', ');
  console.log(
    `detection latency (scrape 1 s, evaluation 1 s, for 2 s; 6 flips): console median ${ms(median(ours))}, max ${ms(Math.max(...ours))} [${list(ours)} s]; ` +
      `Prometheus itself (its /api/v1/alerts polled every 20 ms) median ${ms(median(theirs))}, p100 ${ms(percentile(theirs, 100))} [${list(theirs)} s]; ` +
      `ideal: at least for = 2 s, at most scrape + for + evaluation = 4 s`,
  );
}

export async function run(): Promise<void> {
  const server = await startHealthServer();
  try {
    await load(server.port);
    await throughput(server.port);
  } finally {
    await server.stop();
  }
  await corpusPass();
  await detection();
}
