import type { StepStatus } from '../../../preload/contract';
import type { Clock } from '../shared/clock';
import type { ResolvedHost, SshConnection, SshPool } from '../ssh';
import { runHttpCheck, runPromqlCheck } from './exec/checks';
import { execLocal, localArgv } from './exec/local';
import type { CommandStep, Step } from './model';
import { shellQuote } from './exec/quote';

export interface StepEnv {
  clock: Clock;
  pool: SshPool;
  resolveHost: (name: string) => Promise<ResolvedHost>;
  prometheus: (name: string | undefined) => { name: string; url: string } | undefined;
  defaultTimeoutMs: number;
  signal: AbortSignal;
  write: (chunk: Buffer) => void;
  /** Called once the host key of every hop was checked, before anything runs there. */
  onConnected(conn: Pick<SshConnection, 'key' | 'jumpKeys' | 'transport' | 'transportReasons'>): void;
  /** The rendered step a wait step polls. */
  stepById(id: string): Step | undefined;
}

/** What happened; `passed` is decided later from exit code and output (see judge). */
export interface StepRun {
  end: 'exited' | 'timeout' | 'cancelled' | 'error';
  exitCode: number | null;
  /** For checks (http, promql, wait) the verdict is known here. */
  verdict?: boolean;
  error?: string;
}

const text = (s: string) => Buffer.from(s, 'utf8');

async function runCommand(step: CommandStep, env: StepEnv, timeoutMs: number): Promise<StepRun> {
  // `interpreter=` blocks (psql, python) get the block on stdin; shell blocks are the command itself.
  // Runme's `shell:` front matter: the script runs as `SHELL -c SCRIPT` (the value is one word, checked by the parser).
  const command = step.interpreter ?? (step.shell !== undefined ? `${step.shell} -c ${shellQuote(step.command)}` : step.command);
  const stdin = step.interpreter !== undefined ? step.command : undefined;
  if (step.kind === 'local') {
    const argv = step.interpreter !== undefined ? ['/bin/sh', '-c', step.interpreter] : step.shell !== undefined ? [step.shell, '-c', step.command] : localArgv(step.command);
    const r = await execLocal(argv, { clock: env.clock, timeoutMs, signal: env.signal, cwd: step.cwd, stdin, onOutput: env.write });
    if (r.end === 'failed') return { end: 'error', exitCode: null, error: r.error ?? 'could not start' };
    return { end: r.end, exitCode: r.exitCode };
  }
  if (!step.host) return { end: 'error', exitCode: null, error: 'no host chosen for this step' };
  const conn = await env.pool.connect(await env.resolveHost(step.host));
  env.onConnected(conn);
  const remote = step.cwd !== undefined ? `cd ${shellQuote(step.cwd)} || exit 1\n${command}` : command;
  const r = await conn.exec(remote, { clock: env.clock, timeoutMs, signal: env.signal, onStdout: env.write, onStderr: env.write, stdin });
  return { end: r.end, exitCode: r.exitCode };
}

/** Runs one rendered step once. Throws only for connection problems (host key refused, auth failed). */
export async function executeStep(step: Step, env: StepEnv): Promise<StepRun> {
  const timeoutMs = step.timeoutMs ?? env.defaultTimeoutMs;
  switch (step.kind) {
    case 'ssh':
    case 'local':
      return runCommand(step, env, timeoutMs);
    case 'http': {
      const r = await runHttpCheck(step, { timeoutMs, signal: env.signal, now: () => env.clock.now() });
      env.write(text(r.error ? `error: ${r.error}\n` : r.output));
      return { end: env.signal.aborted ? 'cancelled' : 'exited', exitCode: r.code, verdict: r.passed };
    }
    case 'promql': {
      const r = await runPromqlCheck(step, env.prometheus(step.source), { timeoutMs, signal: env.signal });
      env.write(text(r.error ? `error: ${r.error}\n` : r.output));
      return { end: env.signal.aborted ? 'cancelled' : 'exited', exitCode: r.code, verdict: r.passed };
    }
    case 'wait':
      return runWait(step.target, step.intervalMs, step.timeoutMs, env);
    case 'manual':
      return { end: 'exited', exitCode: null, verdict: true };
  }
}

async function runWait(targetId: string, intervalMs: number, timeoutMs: number, env: StepEnv): Promise<StepRun> {
  const target = env.stepById(targetId);
  if (!target || target.kind === 'wait' || target.kind === 'manual') return { end: 'error', exitCode: null, error: `wait: no runnable step "${targetId}"` };
  const deadline = env.clock.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    env.write(text(`--- attempt ${attempt}: ${target.title}\n`));
    let captured = '';
    const inner: StepEnv = {
      ...env,
      write: (chunk) => {
        captured += chunk.toString('utf8');
        env.write(chunk);
      },
    };
    const r = await executeStep(target, inner);
    if (r.end === 'cancelled') return r;
    if (judge(target, r, captured)) return { end: 'exited', exitCode: r.exitCode, verdict: true };
    if (env.clock.now() + intervalMs > deadline) {
      env.write(text(`--- still failing after ${attempt} attempts; giving up\n`));
      return { end: 'timeout', exitCode: r.exitCode, verdict: false };
    }
    const slept = await sleep(env.clock, intervalMs, env.signal);
    if (!slept) return { end: 'cancelled', exitCode: null };
  }
}

function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      cancel();
      resolve(false);
    };
    const cancel = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Pass or fail against expect_exit / expect_output (commands) or the check's own verdict. */
export function judge(step: Step, run: StepRun, output: string): boolean {
  if (run.end !== 'exited') return false;
  if (run.verdict !== undefined) return run.verdict;
  if (step.kind !== 'ssh' && step.kind !== 'local') return true;
  if (run.exitCode === null || !step.expectExit.includes(run.exitCode)) return false;
  if (step.expectOutput !== undefined && !new RegExp(step.expectOutput, 'm').test(output)) return false;
  return true;
}

/** Why a step that ran to its end failed, in words for the timeline; null when it passed. */
export function failureReason(step: Step, run: StepRun, output: string): string | null {
  if (run.end !== 'exited' || judge(step, run, output)) return null;
  if (step.kind !== 'ssh' && step.kind !== 'local') return 'the check did not pass';
  if (run.exitCode === null || !step.expectExit.includes(run.exitCode)) return `exit code ${run.exitCode ?? 'unknown'}, expected ${step.expectExit.join(' or ')}`;
  return `the output does not match /${step.expectOutput ?? ''}/`;
}

export function statusOf(step: Step, run: StepRun, output: string): StepStatus {
  switch (run.end) {
    case 'cancelled':
      return 'cancelled';
    case 'timeout':
      return 'timeout';
    case 'error':
      return 'error';
    case 'exited':
      return judge(step, run, output) ? 'passed' : 'failed';
  }
}
