import type { TerminalEntryData } from '../../../preload/contract/incidents';
import { entryLimitBytes } from '../journal/model';
import { maskRecorded } from './mask';
import { unescapeMarkValue, type PtyEvent } from './osc-scanner';
import { plainText } from './plain-text';

export interface RecordedEntry {
  at: number;
  text: string;
  data: TerminalEntryData;
}

export interface RecorderDeps {
  now(): number;
  monotonic(): number;
  /** Shared only with the shell integration, so a program's output cannot forge a command. */
  nonce: string;
  secrets: readonly string[];
  /** Queues one timeline entry; must return at once (the terminal waits on this call). */
  write(entry: RecordedEntry): void;
}

/** Raw bytes kept per command, head and tail; the journal entry holds at most 1 MiB of text anyway. */
const keepBytes = 4 * 1024 * 1024;
/** Room left in the entry for the command line and the fields around the output. */
const outputLimitBytes = entryLimitBytes - 16 * 1024;

interface Running {
  command: string;
  cwd: string | null;
  at: number;
  t0: number;
  head: Buffer[];
  headBytes: number;
  tail: Buffer[];
  tailBytes: number;
  bytes: number;
}

/**
 * Turns the marks and output of one recorded shell into timeline entries: a start entry, one entry
 * per command (line, exit code, duration, working directory, plain masked output) and a summary.
 * A command counts once the shell announced its line (OSC 633 E with our nonce) and its execution
 * (OSC 133 C); output outside C..D (prompts, typing) is never recorded.
 */
export class TerminalRecorder {
  private cwd: string | null = null;
  private announced: string | null = null;
  private running: Running | null = null;
  private commands = 0;
  private failures = 0;
  private readonly t0: number;

  constructor(
    private readonly deps: RecorderDeps,
    private readonly session: { id: string; shell: string; cwd: string },
  ) {
    this.t0 = deps.monotonic();
    this.cwd = session.cwd;
  }

  start(): void {
    this.deps.write({ at: this.deps.now(), text: `Terminal recording started (${this.session.shell} in ${this.session.cwd})`, data: { event: 'session_started', session: this.session.id, shell: this.session.shell, cwd: this.session.cwd } });
  }

  onEvent(event: PtyEvent): void {
    if (event.kind === 'data') {
      if (this.running) this.keep(this.running, event.bytes);
      return;
    }
    const [code = '', ...args] = event.params;
    if (event.family === '633') {
      if (code === 'P' && args[0]?.startsWith('Cwd=')) this.cwd = decode(args.join(';').slice('Cwd='.length));
      else if (code === 'E' && args.length >= 2 && args[args.length - 1] === this.deps.nonce) this.announced = decode(args.slice(0, -1).join(';'));
      return;
    }
    if (code === 'C' && this.announced !== null) {
      this.running = { command: this.announced, cwd: this.cwd, at: this.deps.now(), t0: this.deps.monotonic(), head: [], headBytes: 0, tail: [], tailBytes: 0, bytes: 0 };
      this.announced = null;
    } else if (code === 'D' && this.running) {
      const exit = Number.parseInt(args[0] ?? '', 10);
      this.finishCommand(Number.isFinite(exit) ? exit : null);
    } else if (code === 'A') {
      // A new prompt without D: the shell (or a forged mark) lost track; drop what was half-announced.
      this.announced = null;
    }
  }

  /** The shell exited: a command still running (`exit`, `exec`) ends with it, then the summary. */
  finish(shellExitCode: number | null): void {
    const running = this.running;
    if (running && !/^\s*(?:exit|logout)(?:\s+\S+)?\s*$/.test(running.command)) this.finishCommand(shellExitCode);
    this.running = null;
    const durationMs = Math.round(this.deps.monotonic() - this.t0);
    const text = `Terminal recording ended: ${this.commands} command${this.commands === 1 ? '' : 's'}, ${this.failures} failed, ${humanDuration(durationMs)}`;
    this.deps.write({ at: this.deps.now(), text, data: { event: 'session_ended', session: this.session.id, commands: this.commands, failures: this.failures, durationMs, exitCode: shellExitCode } });
  }

  private keep(run: Running, bytes: Buffer): void {
    run.bytes += bytes.length;
    if (run.headBytes < keepBytes) {
      run.head.push(bytes);
      run.headBytes += bytes.length;
      return;
    }
    run.tail.push(bytes);
    run.tailBytes += bytes.length;
    while (run.tail.length > 1 && run.tailBytes - (run.tail[0]?.length ?? 0) >= keepBytes) run.tailBytes -= run.tail.shift()?.length ?? 0;
  }

  private finishCommand(exitCode: number | null): void {
    const run = this.running;
    if (!run) return;
    this.running = null;
    this.commands++;
    if (exitCode !== 0) this.failures++;
    const durationMs = Math.round(this.deps.monotonic() - run.t0);
    const dropped = run.bytes - run.headBytes - run.tailBytes;
    const raw = Buffer.concat(run.head).toString('utf8') + (dropped > 0 ? `\n… [${dropped} bytes of output not kept] …\n` : '') + Buffer.concat(run.tail).toString('utf8');
    const folded = fold(maskRecorded(plainText(raw), this.deps.secrets).replace(/\n+$/, ''));
    const command = maskRecorded(run.command, this.deps.secrets);
    const text = `$ ${command} · exit ${exitCode ?? '?'} · ${humanDuration(durationMs)}`;
    this.deps.write({
      at: run.at,
      text,
      data: { event: 'command', session: this.session.id, command, exitCode, durationMs, cwd: run.cwd ?? '', output: folded.output, outputBytes: run.bytes, outputTruncated: folded.truncated || dropped > 0 },
    });
  }
}

/** Mark values are bytes (latin1 here) of UTF-8 text, escaped as OSC 633 escapes them. */
function decode(value: string): string {
  return Buffer.from(unescapeMarkValue(value), 'latin1').toString('utf8');
}

/** Output past the entry limit keeps its head and its tail, as people read them. */
function fold(text: string): { output: string; truncated: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= outputLimitBytes) return { output: text, truncated: false };
  const half = outputLimitBytes / 2 - 256;
  // A cut inside a UTF-8 sequence decodes to U+FFFD at the seam, which is all it costs.
  const head = bytes.subarray(0, half).toString('utf8');
  const tail = bytes.subarray(bytes.length - half).toString('utf8');
  return { output: `${head}\n… [${bytes.length - 2 * half} bytes in the middle not kept] …\n${tail}`, truncated: true };
}

export function humanDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
