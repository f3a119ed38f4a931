import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IPty } from 'node-pty';
import { EntryQueue, OscScanner, recordingMarker, secretsFromEnv, shellLaunch, TerminalRecorder, type RecordedEntry, type ShellKind } from '../core/record';
import type { CliContext } from './command';

export interface RecordOptions extends CliContext {
  shell: string;
  kind: ShellKind;
  incident: { id: string; title: string };
  /** Writes one entry to the journal (synchronous; called from the queue, never from the terminal path). */
  write(entry: RecordedEntry): void;
}

/** How long a possible mark cut by a read may wait for its rest before it goes out as plain output. */
const holdMs = 15;

/**
 * The terminal side of `oncall record`: the user's shell in a pty, the user's terminal in raw mode,
 * bytes passed through unchanged both ways (only our private OSC 633 marks are taken out), the
 * window size followed, and the recorder fed from the same stream. Returns the shell's exit code.
 */
export async function recordTerminal(options: RecordOptions): Promise<number> {
  const pty = await import('node-pty');
  const stdin = process.stdin;
  const stdout = process.stdout;
  const dir = mkdtempSync(join(tmpdir(), 'oncall-record-'));
  const nonce = randomBytes(16).toString('hex');
  const launch = shellLaunch(options.kind, dir, nonce, options.env);
  // The nonce is in these files, so only the user can read them (mkdtemp makes the folder 0700).
  for (const [name, text] of Object.entries(launch.files)) writeFileSync(join(dir, name), text, { mode: 0o600 });

  const queue = new EntryQueue((entry) => options.write(entry), (fn) => setImmediate(fn));
  const sessionId = randomBytes(6).toString('hex');
  const recorder = new TerminalRecorder({ now: () => Date.now(), monotonic: () => performance.now(), nonce, secrets: secretsFromEnv(options.env), write: (e) => queue.push(e) }, { id: sessionId, shell: options.shell, cwd: process.cwd() });
  recorder.start();
  options.stderr.write(`oncall: recording this shell to ${options.incident.id} (${options.incident.title}); a command with a leading space is not recorded; \`exit\` ends the recording\n`);

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined) env[k] = v;
  const child: IPty = pty.spawn(options.shell, launch.args, {
    name: env.TERM ?? 'xterm-256color',
    cols: stdout.columns || 80,
    rows: stdout.rows || 24,
    cwd: process.cwd(),
    env: { ...env, ...launch.env, [recordingMarker]: options.incident.id },
    // Buffers, not strings: the terminal must get exactly the bytes the programs wrote.
    encoding: null,
  });

  const scanner = new OscScanner();
  let releaseTimer: NodeJS.Timeout | null = null;
  const deliver = (events: ReturnType<OscScanner['push']>) => {
    for (const event of events) {
      const bytes = event.kind === 'data' ? event.bytes : event.forward;
      if (bytes && !stdout.write(bytes)) {
        // Backpressure from a slow terminal: stop reading the pty instead of buffering without end.
        child.pause();
        stdout.once('drain', () => child.resume());
      }
      recorder.onEvent(event);
    }
  };
  child.onData((chunk: string | Buffer) => {
    if (releaseTimer) clearTimeout(releaseTimer);
    releaseTimer = null;
    deliver(scanner.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk));
    if (scanner.holding) releaseTimer = setTimeout(() => deliver(scanner.release()), holdMs);
  });

  const onInput = (data: Buffer) => child.write(data);
  const onResize = () => child.resize(stdout.columns || 80, stdout.rows || 24);
  // Signals sent to the recorder itself (a closed terminal window, kill) go to the shell, which
  // then exits and lets the recording end with its summary.
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const handlers = (['SIGHUP', 'SIGTERM', 'SIGINT', 'SIGQUIT'] as const).map((s) => [s, forward(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  const raw = stdin.isTTY === true;
  if (raw) stdin.setRawMode(true);
  stdin.on('data', onInput);
  stdin.resume();
  stdout.on('resize', onResize);

  const exit = await new Promise<{ exitCode: number; signal?: number }>((resolve) => child.onExit(resolve));
  // node-pty can report the exit before the last read of the pty (`cmd; exit`): let that output in.
  await new Promise((resolve) => setTimeout(resolve, 50));
  if (releaseTimer) clearTimeout(releaseTimer);
  deliver(scanner.release());
  stdin.off('data', onInput);
  stdout.off('resize', onResize);
  for (const [s, h] of handlers) process.off(s, h);
  if (raw) stdin.setRawMode(false);
  stdin.pause();
  rmSync(dir, { recursive: true, force: true });

  const code = exit.signal ? 128 + exit.signal : exit.exitCode;
  recorder.finish(code);
  const failures = queue.close();
  if (failures.length > 0) reportFailures(options, failures, sessionId);
  else options.stderr.write(`oncall: recording ended; ${queue.written} entries on ${options.incident.id}\n`);
  return code;
}

/** Entries the journal refused are written next to it, so nothing recorded is lost with the message. */
function reportFailures(options: RecordOptions, failures: ReturnType<EntryQueue['close']>, sessionId: string): void {
  const file = join(options.home, `record-${sessionId}-unsaved.jsonl`);
  let saved = true;
  try {
    writeFileSync(file, failures.map((f) => JSON.stringify({ incidentId: options.incident.id, kind: 'terminal', ...f.entry })).join('\n') + '\n', { mode: 0o600 });
  } catch {
    saved = false;
  }
  options.stderr.write(`oncall: ${failures.length} recorded entr${failures.length === 1 ? 'y was' : 'ies were'} not written to ${options.incident.id}: ${failures[0]?.message ?? ''}\n`);
  options.stderr.write(saved ? `oncall: they are kept in ${file}\n` : 'oncall: and they could not be saved to a file either\n');
}
