// Runbook figures against a real OpenSSH sshd on 127.0.0.1:
// 1. 20 short commands on one host in one run (one handshake) vs 20 `ssh host cmd` invocations.
// 2. A step printing 50 MB: time to finish, event-loop lag, and how long other journal writes
//    (this process and a second process on the same journal.db) take while it streams.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunView } from '../../preload/contract';
import { createEngine, type Engine } from '../../main/core/engine';
import { systemClock } from '../../main/core/shared/clock';
import { execRemote } from '../../main/core/ssh/exec';
import { SshPool } from '../../main/core/ssh/pool';
import { writeConfig, trustHost, writeRunbook } from '../integration/runbooks/fixtures';
import { projectRoot } from '../support/cli';
import { startSshd, type Sshd } from '../support/sshd';
import { tempHome } from '../support/temp-home';
import { median, ms, percentile } from './stats';

const commands = 20;
const rounds = 3;
const bigBytes = 50 * 1024 * 1024;

async function call<T>(engine: Engine, method: string, input: unknown): Promise<T> {
  const result = await engine.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

function twentyStepRunbook(): string {
  const steps = Array.from({ length: commands }, (_, i) => `## Step ${i + 1}\n\n\`\`\`sh {host=app}\necho step ${i + 1}\n\`\`\`\n`);
  return `---\nid: bench-twenty\ntitle: Twenty short commands\n---\n# Twenty\n\n${steps.join('\n')}`;
}

function bigOutputRunbook(): string {
  // 64-byte lines, exactly 50 MiB in total.
  return `---\nid: bench-big\ntitle: Fifty megabytes\n---\n# Big\n\n## Print a lot\n\n\`\`\`sh {host=app timeout=5m}\nyes 'runbook output line, sixty-four bytes long ...................' | head -c ${bigBytes}\n\`\`\`\n`;
}

/** One run of the twenty steps through the run manager (journal included); wall time in ms. */
async function runTwenty(engine: Engine): Promise<number> {
  const start = performance.now();
  let run = await call<RunView>(engine, 'runbooks:start', { id: 'bench-twenty' });
  for (let i = 0; i < commands; i++) run = await call<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
  const elapsed = performance.now() - start;
  if (run.status !== 'finished') throw new Error(`run ended ${run.status}`);
  return elapsed;
}

/**
 * Twenty separate `ssh host cmd` invocations of the OpenSSH client; wall time in ms. With
 * `controlPath` they share one multiplexed connection (ControlMaster): the floor set by the remote
 * side, which starts the user's shell for every command either way.
 */
function sshTwenty(sshd: Sshd, knownHosts: string, controlPath?: string): number {
  const base = ['-F', '/dev/null', '-i', sshd.clientKey, '-p', String(sshd.port), '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes'];
  const mux = controlPath ? ['-o', 'ControlMaster=auto', '-o', `ControlPath=${controlPath}`, '-o', 'ControlPersist=60'] : [];
  const start = performance.now();
  for (let i = 0; i < commands; i++) {
    const r = spawnSync('ssh', [...base, ...mux, `${sshd.user}@127.0.0.1`, `echo step ${i + 1}`], { encoding: 'utf8' });
    if (r.status !== 0 || r.stdout !== `step ${i + 1}\n`) throw new Error(`ssh failed: ${r.stderr}`);
  }
  const elapsed = performance.now() - start;
  if (controlPath) spawnSync('ssh', [...base, '-o', `ControlPath=${controlPath}`, '-O', 'exit', `${sshd.user}@127.0.0.1`], { stdio: 'ignore' });
  return elapsed;
}

/** The same twenty commands on one pooled connection without the run manager or the journal. */
async function poolTwenty(sshd: Sshd, knownHosts: string): Promise<number> {
  const pool = new SshPool({
    knownHostsFiles: [knownHosts],
    appKnownHostsFile: knownHosts,
    prompts: { trustHostKey: () => Promise.resolve(false), passphrase: () => Promise.resolve(null) },
    keepaliveInterval: 15_000,
    readyTimeout: 20_000,
    clock: systemClock,
  });
  const start = performance.now();
  try {
    const { client } = await pool.connect({ alias: 'app', hostname: '127.0.0.1', port: sshd.port, user: sshd.user, identityFiles: [sshd.clientKey], jumps: [] });
    for (let i = 0; i < commands; i++) await execRemote(client, `echo step ${i + 1}`, { clock: systemClock, timeoutMs: 60_000, onStdout: () => undefined, onStderr: () => undefined });
    return performance.now() - start;
  } finally {
    await pool.close();
  }
}

function startWriter(home: string, incidentId: string, stopFile: string): { ready: Promise<void>; done: Promise<number[]> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'test/bench/journal-writer.ts'), home, incidentId, stopFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (markReady = r));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('ready\n')) markReady();
  });
  const done = new Promise<number[]>((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.split('\n')[1] ?? '[]') as number[]) : reject(new Error(`writer exited ${String(code)}`))));
  });
  return { ready, done };
}

const spread = (values: number[]) => `median ${ms(median(values))}, p95 ${ms(percentile(values, 95))}, max ${ms(Math.max(...values))} (${values.length} writes)`;

export async function run(): Promise<void> {
  const sshd = await startSshd();
  const { home, cleanup } = tempHome('oncall-bench-runbooks-');
  writeConfig(home, sshd);
  trustHost(home, sshd);
  writeRunbook(home, 'twenty', twentyStepRunbook());
  writeRunbook(home, 'big', bigOutputRunbook());
  const knownHosts = join(home, 'known_hosts');
  const engine = createEngine({ home, resourcesDir: join(projectRoot, 'resources'), ports: { face: 'cli', notify: () => undefined, openExternal: () => Promise.resolve() } });
  try {
    // Warm-up: JIT, the first SQLite pages, sshd's first fork.
    await runTwenty(engine);
    sshTwenty(sshd, knownHosts);
    const console20: number[] = [];
    const openssh20: number[] = [];
    const muxed20: number[] = [];
    const pool20: number[] = [];
    for (let i = 0; i < rounds; i++) {
      pool20.push(await poolTwenty(sshd, knownHosts));
      const logins = sshd.logins();
      console20.push(await runTwenty(engine));
      if (sshd.logins() - logins !== 1) throw new Error(`expected one handshake per run, sshd saw ${sshd.logins() - logins}`);
      openssh20.push(sshTwenty(sshd, knownHosts));
      muxed20.push(sshTwenty(sshd, knownHosts, join(home, `mux-${i}`)));
    }
    const list = (values: number[]) => values.map((t) => t.toFixed(0)).join(', ');
    console.log(`${commands} commands, one run (run manager + journal, 1 handshake): median ${ms(median(console20))} (${list(console20)})`);
    console.log(`${commands} x \`ssh host cmd\` (OpenSSH client, ${commands} handshakes): median ${ms(median(openssh20))} (${list(openssh20)})`);
    console.log(`${commands} x \`ssh host cmd\` over one ControlMaster connection (reference floor): median ${ms(median(muxed20))} (${list(muxed20)})`);
    console.log(`${commands} commands on one pooled connection, no run manager and no journal: median ${ms(median(pool20))} (${list(pool20)})`);
    console.log(`ratio run / plain ssh: ${(median(console20) / median(openssh20)).toFixed(3)}x (goal < 0.3x); run / multiplexed ssh: ${(median(console20) / median(muxed20)).toFixed(3)}x`);

    // 50 MB step. Meanwhile: event-loop lag, in-process timeline appends, and a second process appending.
    const run = await call<RunView>(engine, 'runbooks:start', { id: 'bench-big' });
    const incidentId = run.incidentId ?? '';
    const stopFile = join(home, 'stop-writer');
    const writer = startWriter(home, incidentId, stopFile);
    await writer.ready;
    const lags: number[] = [];
    const appends: number[] = [];
    let last = performance.now();
    const lagTimer = setInterval(() => {
      const now = performance.now();
      lags.push(now - last - 20);
      last = now;
    }, 20);
    let appending = true;
    const appendLoop = (async () => {
      while (appending) {
        const t0 = performance.now();
        await call(engine, 'timeline:append', { kind: 'note', incidentId, text: 'note during the big step' });
        appends.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const start = performance.now();
    const done = await call<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    const elapsed = performance.now() - start;
    appending = false;
    clearInterval(lagTimer);
    await appendLoop;
    writeFileSync(stopFile, '');
    const external = await writer.done;
    const step = done.steps[0];
    const stored = await call<{ bytes: number }>(engine, 'runbooks:output', { runId: run.id, step: 0 });
    console.log(`50 MiB step: ${step?.status} in ${ms(elapsed)} (${((bigBytes / 1024 / 1024) / (elapsed / 1000)).toFixed(1)} MiB/s); stored ${stored.bytes} bytes (expected ${bigBytes})`);
    console.log(`event-loop lag meanwhile (20 ms timer): median ${ms(median(lags))}, p95 ${ms(percentile(lags, 95))}, max ${ms(Math.max(...lags))}`);
    console.log(`timeline:append in the same process meanwhile: ${spread(appends)}`);
    console.log(`journal.append from a second process meanwhile: ${spread(external)}`);
  } finally {
    await engine.close();
    await sshd.stop();
    cleanup();
  }
}
