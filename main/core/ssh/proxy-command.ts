import { spawn } from 'node:child_process';
import { Duplex } from 'node:stream';

/** A spawned ProxyCommand: its stdout/stdin are the byte stream ssh2 speaks SSH over. */
export interface ProxyStream {
  sock: Duplex;
  /** What the command printed on stderr (its own diagnostics), for an error message. */
  stderr(): string;
  /** Resolves once the command has exited and its stderr is read, or after `ms` at most. */
  settled(ms: number): Promise<void>;
  kill(): void;
}

/**
 * Runs `ProxyCommand` as OpenSSH does (`sh -c`, already token-expanded by the resolver) and wraps
 * its pipes as one duplex stream. The process is killed when the stream closes, so a closed
 * connection leaves no relay behind.
 */
export function spawnProxyCommand(command: string): ProxyStream {
  const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'] });
  let errText = '';
  child.stderr.on('data', (c: Buffer) => {
    if (errText.length < 4_096) errText += c.toString('utf8');
  });
  const sock = Duplex.from({ readable: child.stdout, writable: child.stdin });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  // A write after the command died must not crash the app: ssh2 reports the closed stream instead.
  child.stdin.on('error', () => undefined);
  child.on('error', (err) => sock.destroy(err));
  sock.on('close', kill);
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const settled = (ms: number) => Promise.race([closed, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);
  return { sock, stderr: () => errText.trim(), settled, kill };
}
