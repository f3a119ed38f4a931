import type { Client as ClientType, ClientChannel } from 'ssh2';
import type { Clock } from '../shared/clock';
import { AppError } from '../shared/errors';

export type ExecEnd = 'exited' | 'timeout' | 'cancelled';

export interface ExecResult {
  end: ExecEnd;
  /** Null when the process died from a signal or was stopped. */
  exitCode: number | null;
  signal: string | null;
  /** The remote shell's pid (the session leader; its process group is what a cancel kills). */
  remotePid: number | null;
}

export interface ExecOptions {
  clock: Clock;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  onStdout(chunk: Buffer): void;
  onStderr(chunk: Buffer): void;
  /** Text fed to the command's stdin (an `interpreter=` step), then EOF. */
  stdin?: string | undefined;
  /** Allocate a pty: cancel can then also send Ctrl-C to the foreground group. */
  pty?: boolean;
  /** How long each cancel stage waits before the next one. */
  graceMs?: number;
}

/**
 * The first line the remote side prints is its shell's pid, so a cancel can kill the whole process
 * group even when the shell itself already died and left children behind. The marker bytes cannot
 * come from a runbook's command before this line runs.
 */
const pidMarker = '\u001eoncall-pid:';
export function wrapRemoteCommand(command: string): string {
  return `printf '\\036oncall-pid:%s\\n' "$$"\n${command}`;
}

interface Started {
  channel: ClientChannel;
  exit: { code: number | null; signal: string | null };
}

function execChannel(client: ClientType, command: string, pty: boolean): Promise<Started> {
  return new Promise((resolve, reject) => {
    client.exec(command, { pty }, (err, channel) => {
      if (err) return reject(new AppError('unavailable', `could not start the command: ${err.message}`));
      // Listen for the exit status here, not after the caller's await: ssh2 emits 'exit' (unbuffered,
      // unlike the output) while parsing, and when the exec reply, the output and the exit status
      // arrive in one TCP read they are all parsed before an awaiting caller runs again.
      const exit: Started['exit'] = { code: null, signal: null };
      channel.on('exit', (code: number | null, signal?: string) => {
        exit.code = typeof code === 'number' ? code : null;
        exit.signal = signal ?? null;
      });
      resolve({ channel, exit });
    });
  });
}

/** The remote script that stops a process group: TERM, a grace period, then KILL. */
export function killGroupScript(pid: number, graceMs: number): string {
  const seconds = Math.max(1, Math.ceil(graceMs / 1000));
  return `kill -TERM -- -${pid} 2>/dev/null || kill -TERM ${pid} 2>/dev/null; sleep ${seconds}; kill -KILL -- -${pid} 2>/dev/null; true`;
}

/**
 * Strips the pid line from the start of stdout (see wrapRemoteCommand) and passes the rest on.
 * `flush` hands over what is still held when the output ended before a full first line.
 */
export function pidLineFilter(onStdout: (chunk: Buffer) => void): { write: (chunk: Buffer) => void; flush: () => void; pid: () => number | null } {
  let head: Buffer | null = Buffer.alloc(0);
  let remotePid: number | null = null;
  return {
    write: (chunk) => {
      if (head === null) return onStdout(chunk);
      head = Buffer.concat([head, chunk]);
      const newline = head.indexOf(10);
      if (newline < 0 && head.length < 64) return;
      const firstLine = head.subarray(0, newline < 0 ? head.length : newline).toString('utf8').replace(/\r$/, '');
      const rest = head;
      head = null;
      if (firstLine.startsWith(pidMarker)) {
        remotePid = Number(firstLine.slice(pidMarker.length));
        const after = rest.subarray(newline + 1);
        if (after.length > 0) onStdout(after);
      } else {
        onStdout(rest);
      }
    },
    flush: () => {
      if (head !== null && head.length > 0) onStdout(head);
      head = null;
    },
    pid: () => remotePid,
  };
}

/** Kills the remote process group from a second channel on the same connection. */
export async function killRemoteGroup(client: ClientType, pid: number, graceMs: number): Promise<void> {
  if (!Number.isInteger(pid) || pid <= 1) return;
  const script = killGroupScript(pid, graceMs);
  try {
    const { channel } = await execChannel(client, script, false);
    await new Promise<void>((resolve) => {
      channel.on('close', () => resolve());
      channel.resume();
      channel.stderr.resume();
    });
  } catch {
    // The connection is gone: sshd has hung up the session, which is the best we can do from here.
  }
}

/**
 * Runs one command on an open connection, streaming its output. A timeout or an abort stops the
 * remote process in stages: a signal on the channel, Ctrl-C on the pty, then `kill` of its group.
 */
export async function execRemote(client: ClientType, command: string, options: ExecOptions): Promise<ExecResult> {
  const { channel, exit } = await execChannel(client, wrapRemoteCommand(command), options.pty === true);
  const graceMs = options.graceMs ?? 1_000;
  const stdout = pidLineFilter((chunk) => options.onStdout(chunk));
  let end: ExecEnd = 'exited';

  channel.on('data', (chunk: Buffer) => stdout.write(chunk));
  channel.stderr.on('data', (chunk: Buffer) => options.onStderr(chunk));
  if (options.stdin !== undefined) channel.end(options.stdin);

  let markClosed: () => void = () => undefined;
  let channelClosed = false;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
    channel.on('close', () => {
      channelClosed = true;
      resolve();
    });
  });
  // A holder, not a local: the callbacks below set it, which control-flow narrowing cannot see.
  const stopping: { done: Promise<void> | null } = { done: null };
  const stop = (why: ExecEnd) => {
    if (stopping.done) return stopping.done;
    end = why;
    stopping.done = (async () => {
      try {
        channel.signal('TERM');
      } catch {
        // Older servers ignore signal requests; the next stages still apply.
      }
      if (options.pty) channel.write('\u0003');
      // A stop right after the start may come before the remote shell said its pid: wait a little.
      for (let waited = 0; stdout.pid() === null && !channelClosed && waited < graceMs * 3; waited += 20) await new Promise((r) => setTimeout(r, 20));
      const remotePid = stdout.pid();
      if (remotePid !== null) await killRemoteGroup(client, remotePid, graceMs);
      channel.close();
      // Never hang on a server that neither kills nor closes: give up waiting after one more grace.
      options.clock.setTimeout(markClosed, graceMs * 2);
    })();
    return stopping.done;
  };
  const cancelTimeout = options.clock.setTimeout(() => void stop('timeout'), options.timeoutMs);
  const onAbort = () => void stop('cancelled');
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  await closed;
  cancelTimeout();
  options.signal?.removeEventListener('abort', onAbort);
  if (stopping.done) await stopping.done;
  stdout.flush();
  return { end, exitCode: end === 'exited' ? exit.code : null, signal: exit.signal, remotePid: stdout.pid() };
}
