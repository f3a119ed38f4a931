import { spawn } from 'node:child_process';
import { parse } from 'shell-quote';
import type { Clock } from '../../shared/clock';

export interface LocalExecOptions {
  clock: Clock;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  cwd?: string | undefined;
  stdin?: string | undefined;
  onOutput(chunk: Buffer): void;
  graceMs?: number;
}

export interface LocalExecResult {
  end: 'exited' | 'timeout' | 'cancelled' | 'failed';
  exitCode: number | null;
  signal: string | null;
  error?: string;
}

/** Words a shell runs itself (POSIX special builtins and the usual others); argv cannot start them. */
const shellBuiltins = new Set(['.', ':', 'alias', 'break', 'cd', 'command', 'continue', 'eval', 'exec', 'exit', 'export', 'hash', 'read', 'readonly', 'return', 'set', 'shift', 'source', 'times', 'trap', 'type', 'ulimit', 'umask', 'unalias', 'unset', 'wait']);

/**
 * A command as argv when it is only words (no operators, globs, variables or comments), so no shell
 * ever interprets it; otherwise `/bin/sh -c` with the text as rendered (values already quoted).
 */
export function localArgv(command: string): string[] {
  const trimmed = command.trim();
  if (!trimmed.includes('\n')) {
    const words = parse(trimmed, (name) => `$${name}`);
    const plain = words.length > 0 && words.every((w): w is string => typeof w === 'string') && !/[$`*?[\]~{}#]/.test(trimmed);
    // `exit 3` or `cd /srv` are no programs: only a shell can run them.
    if (plain && !shellBuiltins.has(words[0] ?? '')) return words;
  }
  return ['/bin/sh', '-c', command];
}

/** Runs a step on this machine; cancel and timeout kill its whole process group. */
export function execLocal(argv: string[], options: LocalExecOptions): Promise<LocalExecResult> {
  const [file, ...args] = argv;
  return new Promise((resolve) => {
    let end: LocalExecResult['end'] = 'exited';
    // Its own process group (detached), so a cancel reaches the children a shell started too.
    const child = spawn(file ?? '/bin/sh', args, { cwd: options.cwd, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let spawnError: string | undefined;
    child.on('error', (err) => {
      spawnError = err.message;
    });
    child.stdout.on('data', (c: Buffer) => options.onOutput(c));
    child.stderr.on('data', (c: Buffer) => options.onOutput(c));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
    const killGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // Already gone.
      }
    };
    let cancelKill: (() => void) | null = null;
    const stop = (why: 'timeout' | 'cancelled') => {
      if (end !== 'exited') return;
      end = why;
      killGroup('SIGTERM');
      cancelKill = options.clock.setTimeout(() => killGroup('SIGKILL'), options.graceMs ?? 1_000);
    };
    const cancelTimeout = options.clock.setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = () => stop('cancelled');
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('close', (code, signal) => {
      cancelTimeout();
      options.signal?.removeEventListener('abort', onAbort);
      if (end !== 'exited') {
        // The leader is gone; make sure nothing it started lingers.
        killGroup('SIGKILL');
        cancelKill?.();
      }
      if (spawnError !== undefined) return resolve({ end: 'failed', exitCode: null, signal: null, error: spawnError });
      resolve({ end, exitCode: end === 'exited' ? code : null, signal });
    });
  });
}
