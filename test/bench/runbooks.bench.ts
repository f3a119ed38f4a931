// Runbook figures against a real OpenSSH sshd on 127.0.0.1:
// 1. 20 short commands on one host in one run (one handshake) vs 20 `ssh host cmd` invocations, plus
//    the handshake alone. sshd runs every command through the login user's shell, so this is done
//    twice: as the current user with its shell as configured (root's bash reads ~/.bashrc, which can
//    cost more than the handshake), and, when root, as a throw-away user whose /bin/sh starts at once.
// 2. A step printing 50 MB: time to finish, event-loop lag, and how long other journal writes
//    (this process and a second process on the same journal.db) take while it streams.
import { spawn, spawnSync } from 'node:child_process';
import { endpoint } from '../../main/core/ssh/host-resolve';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunView } from '../../preload/contract';
import { createEngine, type Engine } from '../../main/core/engine';
import { systemClock } from '../../main/core/shared/clock';
import { SshPool } from '../../main/core/ssh/pool';
import { writeConfig, trustHost, writeRunbook } from '../integration/runbooks/fixtures';
import { projectRoot } from '../support/cli';
import { startSshd, type Sshd } from '../support/sshd';
import { tempHome } from '../support/temp-home';
import { createThrowawayUser, throwawayUserUnavailable } from './fast-shell-user';
import { median, ms, percentile } from './stats';

const commands = 20;
const rounds = 5;
const handshakes = 10;
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
  if (run.status !== 'finished') {
    const stuck = run.steps[run.current];
    throw new Error(`run ended ${run.status} at step ${run.current + 1}: ${stuck?.status ?? '?'} (${stuck?.reason ?? 'no reason'})`);
  }
  return elapsed;
}

/** OpenSSH client options: no user config, this sshd's key only, the host key checked. */
function sshArgs(sshd: Sshd, knownHosts: string): string[] {
  return ['-F', '/dev/null', '-i', sshd.clientKey, '-p', String(sshd.port), '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes'];
}

/**
 * Twenty separate `ssh host cmd` invocations of the OpenSSH client; wall time in ms. With
 * `controlPath` they share one multiplexed connection (ControlMaster): the floor set by the remote
 * side, which starts the user's shell for every command either way.
 */
function sshTwenty(sshd: Sshd, knownHosts: string, controlPath?: string): number {
  const base = sshArgs(sshd, knownHosts);
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

/**
 * The handshake alone with the OpenSSH client: `ssh -f -N` returns once it has authenticated (no
 * session, so no remote shell starts), then `-O exit` closes that connection. Wall time in ms.
 */
function sshHandshake(sshd: Sshd, knownHosts: string, controlPath: string): number {
  const base = [...sshArgs(sshd, knownHosts), '-o', `ControlPath=${controlPath}`];
  const target = `${sshd.user}@127.0.0.1`;
  const start = performance.now();
  // stdio ignored: the backgrounded master keeps inherited pipes open, and spawnSync would wait for them.
  const up = spawnSync('ssh', [...base, '-f', '-N', '-o', 'ControlMaster=yes', target], { stdio: 'ignore' });
  if (up.status !== 0) throw new Error(`ssh -f -N exited ${String(up.status)}`);
  const down = spawnSync('ssh', [...base, '-O', 'exit', target], { stdio: 'ignore' });
  if (down.status !== 0) throw new Error(`ssh -O exit exited ${String(down.status)}`);
  return performance.now() - start;
}

function benchPool(knownHosts: string): SshPool {
  return new SshPool({
    appKnownHostsFile: knownHosts,
    prompts: { trustHostKey: () => Promise.resolve(false), passphrase: () => Promise.resolve(null) },
    keepaliveInterval: 15_000,
    readyTimeout: 20_000,
    clock: systemClock,
  });
}

const appHost = (sshd: Sshd) => ({ ...endpoint({ alias: 'app', hostname: '127.0.0.1', port: sshd.port, user: sshd.user, identityFiles: [sshd.clientKey] }), jumps: [] });

/** The same twenty commands on one pooled connection without the run manager or the journal. */
async function poolTwenty(sshd: Sshd, knownHosts: string): Promise<number> {
  const pool = benchPool(knownHosts);
  const start = performance.now();
  try {
    const conn = await pool.connect(appHost(sshd));
    for (let i = 0; i < commands; i++) await conn.exec(`echo step ${i + 1}`, { clock: systemClock, timeoutMs: 60_000, onStdout: () => undefined, onStderr: () => undefined });
    return performance.now() - start;
  } finally {
    await pool.close();
  }
}

/** The console's handshake alone (ssh2 through the pool): connect, authenticate, close; wall time in ms. */
async function poolHandshake(sshd: Sshd, knownHosts: string): Promise<number> {
  const pool = benchPool(knownHosts);
  const start = performance.now();
  await pool.connect(appHost(sshd));
  await pool.close();
  return performance.now() - start;
}

/** A data directory and engine whose host `app` is this sshd, with the bench's runbooks. */
function setUp(sshd: Sshd): { home: string; knownHosts: string; engine: Engine; cleanup: () => Promise<void> } {
  const { home, cleanup } = tempHome('oncall-bench-runbooks-');
  writeConfig(home, sshd);
  trustHost(home, sshd);
  writeRunbook(home, 'twenty', twentyStepRunbook());
  writeRunbook(home, 'big', bigOutputRunbook());
  const engine = createEngine({ home, resourcesDir: join(projectRoot, 'resources'), ports: { face: 'cli', notify: () => undefined, openExternal: () => Promise.resolve() } });
  return {
    home,
    knownHosts: join(home, 'known_hosts'),
    engine,
    cleanup: async () => {
      await engine.close();
      cleanup();
    },
  };
}

/** Exec sessions sshd has started so far (LogLevel VERBOSE logs one line per session). */
const sessionCount = (sshd: Sshd) => (sshd.log().match(/Starting session: command/g) ?? []).length;

const list = (values: number[]) => values.map((t) => t.toFixed(0)).join(', ');

/** The twenty-command comparison and the handshake alone against one sshd, printed under `label`. */
async function twentyCommands(label: string, sshd: Sshd): Promise<void> {
  const { home, knownHosts, engine, cleanup } = setUp(sshd);
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
      const [logins, sessions] = [sshd.logins(), sessionCount(sshd)];
      console20.push(await runTwenty(engine));
      // Checked on sshd's side: one handshake for the run, and one exec session (one shell) per step.
      if (sshd.logins() - logins !== 1) throw new Error(`expected one handshake per run, sshd saw ${sshd.logins() - logins}`);
      if (sessionCount(sshd) - sessions !== commands) throw new Error(`expected ${commands} sessions per run, sshd saw ${sessionCount(sshd) - sessions}`);
      openssh20.push(sshTwenty(sshd, knownHosts));
      muxed20.push(sshTwenty(sshd, knownHosts, join(home, `mux-${i}`)));
    }
    const consoleShake: number[] = [];
    const opensshShake: number[] = [];
    for (let i = 0; i < handshakes; i++) {
      consoleShake.push(await poolHandshake(sshd, knownHosts));
      opensshShake.push(sshHandshake(sshd, knownHosts, join(home, `shake-${i}`)));
    }
    const [c, o, m, p] = [median(console20), median(openssh20), median(muxed20), median(pool20)];
    console.log(`### ${label}`);
    console.log(`${commands} commands, one run (run manager + journal; sshd saw 1 handshake and ${commands} sessions per run): median ${ms(c)} (${list(console20)})`);
    console.log(`${commands} x \`ssh host cmd\` (OpenSSH client, ${commands} handshakes): median ${ms(o)} (${list(openssh20)})`);
    console.log(`${commands} x \`ssh host cmd\` over one ControlMaster connection: median ${ms(m)} (${list(muxed20)})`);
    console.log(`${commands} commands on one pooled connection, no run manager and no journal: median ${ms(p)} (${list(pool20)})`);
    console.log(`ratio run / plain ssh: ${(c / o).toFixed(3)}x (goal < 0.3x); run / multiplexed ssh: ${(c / m).toFixed(3)}x`);
    console.log(`handshake alone, connect + authenticate + close (${handshakes} each): console (ssh2) median ${ms(median(consoleShake))} (${list(consoleShake)}); OpenSSH \`ssh -f -N\` + \`-O exit\` median ${ms(median(opensshShake))} (${list(opensshShake)})`);
    // Where the time goes, per command: what one `ssh host cmd` costs beyond a multiplexed one is its
    // own process and handshake; what the run costs beyond the bare pool is the run manager and journal.
    console.log(
      `per command: plain ssh ${ms(o / commands)}, multiplexed ssh ${ms(m / commands)}, pooled exec ${ms((p - median(consoleShake)) / commands)}, run step ${ms((c - median(consoleShake)) / commands)} (run manager + journal ${ms((c - p) / commands)})`,
    );
  } finally {
    await cleanup();
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

/** The 50 MiB step, and meanwhile: event-loop lag, in-process timeline appends, and a second process appending. */
async function bigOutput(label: string, sshd: Sshd): Promise<void> {
  const { home, engine, cleanup } = setUp(sshd);
  try {
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
    console.log(`### 50 MiB step (${label})`);
    console.log(`50 MiB step: ${step?.status} in ${ms(elapsed)} (${((bigBytes / 1024 / 1024) / (elapsed / 1000)).toFixed(1)} MiB/s); stored ${stored.bytes} bytes (expected ${bigBytes})`);
    console.log(`event-loop lag meanwhile (20 ms timer): median ${ms(median(lags))}, p95 ${ms(percentile(lags, 95))}, max ${ms(Math.max(...lags))}`);
    console.log(`timeline:append in the same process meanwhile: ${spread(appends)}`);
    console.log(`journal.append from a second process meanwhile: ${spread(external)}`);
  } finally {
    await cleanup();
  }
}

export async function run(): Promise<void> {
  console.log(`load average at start: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  const sshd = await startSshd();
  try {
    const shell = loginShell(sshd.user);
    await twentyCommands(`login user ${sshd.user}, login shell ${shell} as configured on this machine${shell.endsWith('bash') ? ' (started by sshd, bash reads ~/.bashrc)' : ''}`, sshd);
    await bigOutput(`login user ${sshd.user}`, sshd);
  } finally {
    await sshd.stop();
  }
  const unavailable = throwawayUserUnavailable();
  if (unavailable) {
    console.log(`### fast login shell: skipped, ${unavailable}`);
  } else {
    const user = createThrowawayUser();
    try {
      const fast = await startSshd({ user: user.name });
      try {
        await twentyCommands(`throw-away user ${user.name} (login shell /bin/sh, empty home: the shell starts in ~1 ms)`, fast);
      } finally {
        await fast.stop();
      }
    } finally {
      user.remove();
    }
  }
  console.log(`load average at end: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
}

/** The account's login shell from /etc/passwd, which is what sshd runs every command with. */
function loginShell(user: string): string {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${user}:`));
  return line?.split(':')[6] ?? 'unknown';
}
