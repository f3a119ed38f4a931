import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../shared/errors';
import { killGroupScript, pidLineFilter, wrapRemoteCommand, type ExecEnd, type ExecOptions, type ExecResult } from './exec';
import type { SshEndpoint } from './host-resolve';
import { judgeHostKey } from './host-key-policy';
import { appendTrustedKey, hostKeyName, knownHostsFilesFor, readKnownHosts, type KnownHostLine } from './known-hosts';
import { openSshPaths, targetArgs, type OpenSshPaths } from './openssh-args';
import type { HopKey, SshOptions } from './types';

/** The last key KnownHostsCommand saw for a hop (the host-name lookup, not the ORDER probe). */
function presentedKey(file: string): Buffer | null {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n').filter((l) => l.startsWith('HOSTNAME ') || l.startsWith('ADDRESS '));
  const last = lines[lines.length - 1]?.split(' ');
  return last?.[2] ? Buffer.from(last[2], 'base64') : null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What OpenSSH printed on stderr, trimmed to the lines a human needs (no KnownHostsCommand noise). */
function reasonFrom(stderr: string): string {
  return stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('Warning: Permanently added')).slice(-3).join(' / ') || 'the system ssh client exited';
}

/**
 * One shared connection through the system OpenSSH client: a master (`-M -N`, our own child, so
 * closing the run kills it by pid) on a ControlPath in a private temp dir, and one `ssh -S` per
 * step that rides on it without a new handshake.
 */
export class OpenSshLink {
  private master: ChildProcess | null = null;
  private closed = false;
  private readonly closeListeners: (() => void)[] = [];

  private constructor(
    private readonly chain: readonly SshEndpoint[],
    private readonly options: SshOptions,
    private readonly paths: OpenSshPaths,
  ) {}

  get binary(): string {
    return this.options.sshBinary ?? '/usr/bin/ssh';
  }

  /** OpenSSH finds the agent through SSH_AUTH_SOCK: the same agent ssh2 is given, or none. */
  private spawnSsh(args: string[], stdio: 'ignore' | ['ignore' | 'pipe', 'ignore' | 'pipe', 'pipe']): ChildProcess {
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (this.options.agentSocket) env.SSH_AUTH_SOCK = this.options.agentSocket;
    else delete env.SSH_AUTH_SOCK;
    return spawn(this.binary, args, { stdio, env });
  }

  /** Connects, asking the human about unknown keys in `ask` mode, and returns the keys of every hop. */
  static async open(chain: readonly SshEndpoint[], options: SshOptions, jumpFor: string | null): Promise<{ link: OpenSshLink; keys: HopKey[] }> {
    const link = new OpenSshLink(chain, options, openSshPaths(mkdtempSync(join(tmpdir(), 'oncall-ssh-'))));
    try {
      return { link, keys: await link.connect(jumpFor) };
    } catch (err) {
      await link.close();
      throw err;
    }
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  private linesFor(hop: SshEndpoint): KnownHostLine[] {
    return readKnownHosts(knownHostsFilesFor(hop, this.options.appKnownHostsFile));
  }

  private async connect(jumpFor: string | null): Promise<HopKey[]> {
    const before = this.chain.map((hop) => this.linesFor(hop));
    const trustedByUser = new Set<number>();
    for (let attempt = 0; attempt <= this.chain.length; attempt++) {
      for (let i = 0; i < this.chain.length; i++) rmSync(this.paths.seen(i), { force: true });
      const stderr = await this.startMaster();
      if (stderr === null) return this.judgeAll(before, trustedByUser);
      const asked = await this.askAboutUnknownKey(jumpFor, trustedByUser);
      if (!asked) throw new AppError('unavailable', `ssh ${this.target.alias} (${this.target.hostname}:${this.target.port}) via OpenSSH: ${reasonFrom(stderr)}`);
    }
    throw new AppError('unavailable', `ssh ${this.target.alias}: gave up after asking about every hop's host key`);
  }

  private get target(): SshEndpoint {
    return this.chain[this.chain.length - 1] as SshEndpoint;
  }

  /** Null once the master is up; else what it said on stderr before it exited. */
  private async startMaster(): Promise<string | null> {
    const args = targetArgs(this.chain, this.options, this.paths, ['-o', 'ControlMaster=yes', '-o', 'ControlPersist=no', '-N', '-T']);
    const child = this.spawnSsh(args, ['ignore', 'ignore', 'pipe']);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      if (stderr.length < 16_384) stderr += c.toString('utf8');
    });
    let exited = false;
    child.on('exit', () => {
      exited = true;
    });
    child.on('error', (err) => {
      exited = true;
      stderr += `\n${err.message}`;
    });
    // The control socket appears once OpenSSH has verified the host and logged in.
    const deadline = Date.now() + this.options.readyTimeout * this.chain.length;
    while (!existsSync(this.paths.controlPath)) {
      if (exited) return stderr;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        return `no SSH handshake within ${this.options.readyTimeout} ms`;
      }
      await sleep(15);
    }
    this.master = child;
    child.on('exit', () => {
      this.master = null;
      for (const listener of this.closeListeners.splice(0)) listener();
    });
    return null;
  }

  /**
   * After a refused connection: the first hop whose key nobody vouches for is put to the human
   * (`ask`), or its refusal is thrown (changed, revoked, unknown under `yes`). False: no hop's key
   * was the problem (authentication, network).
   */
  private async askAboutUnknownKey(jumpFor: string | null, trustedByUser: Set<number>): Promise<boolean> {
    for (let i = 0; i < this.chain.length; i++) {
      const hop = this.chain[i] as SshEndpoint;
      const blob = presentedKey(this.paths.seen(i));
      if (!blob) return false;
      const verdict = judgeHostKey(hop, this.linesFor(hop), blob, new Date(this.options.clock.now()));
      if (verdict.action === 'accept') continue;
      if (verdict.action === 'refuse') throw verdict.error;
      const forTarget = i === this.chain.length - 1 ? jumpFor : this.target.alias;
      const trusted = await this.options.prompts.trustHostKey({ host: hop.alias, hostname: hop.hostname, port: hop.port, keyType: verdict.key.keyType, fingerprint: verdict.key.fingerprint, ...(forTarget ? { jumpFor: forTarget } : {}) });
      if (!trusted) throw new AppError('forbidden', `host key of ${hop.alias} (${verdict.key.keyType} ${verdict.key.fingerprint}) not trusted; nothing was run`);
      appendTrustedKey(this.options.appKnownHostsFile, hostKeyName(hop), verdict.blob);
      trustedByUser.add(i);
      return true;
    }
    return false;
  }

  /**
   * The console's own verdict on what OpenSSH accepted, from the known_hosts as they were before
   * connecting. OpenSSH checked first; this check may only refuse more (never weaker), and it names
   * the decision for the timeline (a certificate is checked with sshpk here too).
   */
  private async judgeAll(before: KnownHostLine[][], trustedByUser: Set<number>): Promise<HopKey[]> {
    const keys: HopKey[] = [];
    for (let i = 0; i < this.chain.length; i++) {
      const hop = this.chain[i] as SshEndpoint;
      const blob = presentedKey(this.paths.seen(i));
      if (!blob) throw new AppError('internal', `OpenSSH did not report the host key of ${hop.alias}`);
      const verdict = judgeHostKey(hop, before[i] ?? [], blob, new Date(this.options.clock.now()));
      if (verdict.action === 'accept' || (verdict.action === 'ask' && trustedByUser.has(i))) keys.push(verdict.key);
      else {
        await this.close();
        throw verdict.action === 'refuse' ? verdict.error : new AppError('forbidden', `host key of ${hop.alias} was not confirmed; refused`);
      }
    }
    return keys;
  }

  /** Runs one command over the shared connection, with the same staged stop as the ssh2 transport. */
  async exec(command: string, options: ExecOptions): Promise<ExecResult> {
    if (!this.master) throw new AppError('unavailable', `the OpenSSH connection to ${this.target.alias} is closed`);
    const args = targetArgs(this.chain, this.options, this.paths, ['-o', 'ControlMaster=no', '-T'], [wrapRemoteCommand(command)]);
    const child = this.spawnSsh(args, [options.stdin !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe']);
    const stdout = pidLineFilter((chunk) => options.onStdout(chunk));
    child.stdout?.on('data', (c: Buffer) => stdout.write(c));
    child.stderr?.on('data', (c: Buffer) => options.onStderr(c));
    if (options.stdin !== undefined) {
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(options.stdin);
    }
    const graceMs = options.graceMs ?? 1_000;
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
      child.on('close', (code, signal) => resolve({ code, signal }));
      child.on('error', () => resolve({ code: null, signal: null }));
    });
    let end: ExecEnd = 'exited';
    // A holder, not a local: the callbacks below set it, which control-flow narrowing cannot see.
    const stopping: { done: Promise<void> | null } = { done: null };
    const stop = (why: ExecEnd) => {
      if (stopping.done) return;
      end = why;
      stopping.done = (async () => {
        // A stop right after the start may come before the remote shell said its pid: wait a little
        // for it, since killing the local client alone would leave the remote command running.
        for (let waited = 0; stdout.pid() === null && child.exitCode === null && waited < graceMs * 3; waited += 20) await sleep(20);
        const pid = stdout.pid();
        if (pid !== null && Number.isInteger(pid) && pid > 1) await this.runQuiet(killGroupScript(pid, graceMs), graceMs * 3);
        child.kill('SIGTERM');
        options.clock.setTimeout(() => child.kill('SIGKILL'), graceMs * 2);
      })();
    };
    const cancelTimeout = options.clock.setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = () => stop('cancelled');
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    const result = await exited;
    cancelTimeout();
    options.signal?.removeEventListener('abort', onAbort);
    if (stopping.done) await stopping.done;
    stdout.flush();
    return { end, exitCode: end === 'exited' ? result.code : null, signal: result.signal, remotePid: stdout.pid() };
  }

  /** A helper command on the shared connection (the kill script), bounded in time. */
  private runQuiet(script: string, ms: number): Promise<void> {
    const child = this.spawnSsh(targetArgs(this.chain, this.options, this.paths, ['-o', 'ControlMaster=no', '-T'], [script]), 'ignore');
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, ms);
      child.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
      child.on('error', () => resolve());
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const master = this.master;
    if (master && master.exitCode === null) {
      await new Promise<void>((resolve) => {
        master.once('exit', () => resolve());
        master.kill('SIGTERM');
      });
    }
    rmSync(this.paths.dir, { recursive: true, force: true });
  }
}
