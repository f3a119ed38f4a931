import { existsSync } from 'node:fs';
import type { Client as ClientType } from 'ssh2';
import type { Readable } from 'node:stream';
import { AppError } from '../shared/errors';
import { connectHop, type Hop } from './connect';
import type { ResolvedHost, SshEndpoint } from './host-resolve';
import { execRemote, type ExecOptions, type ExecResult } from './exec';
import { OpenSshLink } from './openssh';
import { chooseTransport } from './transport-choice';
import type { HopKey, SshOptions, SshTransport } from './types';

/** A ready connection to a run's target host and the keys every hop presented. */
export interface SshConnection {
  host: ResolvedHost;
  /** Which client carries it, and why OpenSSH when it is OpenSSH. */
  transport: SshTransport;
  transportReasons: string[];
  /** The target's key. */
  key: HopKey;
  /** Jump hosts' keys, outermost first. */
  jumpKeys: HopKey[];
  /** Runs one command there (streamed output, staged stop on timeout or cancel). */
  exec(command: string, options: ExecOptions): Promise<ExecResult>;
}

const endpointId = (e: SshEndpoint): string => `${e.user}@${e.hostname}:${e.port}`;

function forward(client: ClientType, target: SshEndpoint): Promise<Readable> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, target.hostname, target.port, (err, stream) => {
      if (err) reject(new AppError('unavailable', `jump to ${target.alias} (${target.hostname}:${target.port}) refused: ${err.message}`));
      else resolve(stream);
    });
  });
}

/**
 * The connections of one run: one handshake per host (and per jump chain), reused by every step,
 * closed when the run ends. A dropped connection is forgotten so the next step reconnects.
 */
export class SshPool {
  private readonly hops = new Map<string, Promise<Hop>>();
  private readonly links = new Map<string, Promise<{ link: OpenSshLink; keys: HopKey[] }>>();
  private closed = false;
  /** Handshakes made so far (tests and the bench read it; reuse keeps it at one per host). */
  handshakes = 0;

  constructor(private readonly options: SshOptions) {}

  async connect(host: ResolvedHost): Promise<SshConnection> {
    if (this.closed) throw new AppError('unavailable', 'this run has ended; its SSH connections are closed');
    const chain = [...host.jumps, host];
    const { transport, reasons } = chooseTransport(chain, this.options);
    if (transport === 'openssh') {
      const binary = this.options.sshBinary ?? '/usr/bin/ssh';
      if (!existsSync(binary)) throw new AppError('unavailable', `${host.alias} needs the system OpenSSH client (${reasons.join('; ')}), but ${binary} is not installed`);
      const { link, keys } = await this.openSsh(chain);
      const key = keys[keys.length - 1] as HopKey;
      return { host, transport, transportReasons: reasons, key, jumpKeys: keys.slice(0, -1), exec: (command, options) => link.exec(command, options) };
    }
    const hops: Hop[] = [];
    for (let i = 0; i < chain.length; i++) hops.push(await this.hop(chain.slice(0, i + 1), i === chain.length - 1 ? null : host.alias));
    const target = hops[hops.length - 1];
    if (!target) throw new AppError('internal', 'empty ssh chain');
    return { host, transport, transportReasons: reasons, key: target.key, jumpKeys: hops.slice(0, -1).map((h) => h.key), exec: (command, options) => execRemote(target.client, command, options) };
  }

  /** One OpenSSH master per chain, shared by the run's steps like an ssh2 connection. */
  private openSsh(chain: SshEndpoint[]): Promise<{ link: OpenSshLink; keys: HopKey[] }> {
    const id = `openssh ${chain.map(endpointId).join(' > ')}`;
    const cached = this.links.get(id);
    if (cached) return cached;
    this.handshakes++;
    const promise = OpenSshLink.open(chain, this.options, null).then((opened) => {
      opened.link.onClose(() => {
        if (this.links.get(id) === promise) this.links.delete(id);
      });
      if (this.closed) void opened.link.close();
      return opened;
    });
    this.links.set(id, promise);
    promise.catch(() => {
      if (this.links.get(id) === promise) this.links.delete(id);
    });
    return promise;
  }

  /** `jumpFor`: the target this hop leads to, or null when the hop is the target itself. */
  private hop(chain: SshEndpoint[], jumpFor: string | null): Promise<Hop> {
    const id = chain.map(endpointId).join(' > ');
    const cached = this.hops.get(id);
    if (cached) return cached;
    const endpoint = chain[chain.length - 1] as SshEndpoint;
    const promise = (async () => {
      let sock: Readable | undefined;
      if (chain.length > 1) {
        const previous = await this.hop(chain.slice(0, -1), jumpFor ?? endpoint.alias);
        sock = await forward(previous.client, endpoint);
      }
      this.handshakes++;
      const hop = await connectHop(endpoint, this.options, { ...(sock ? { sock } : {}), ...(jumpFor ? { jumpFor } : {}) });
      hop.client.on('close', () => {
        if (this.hops.get(id) === promise) this.hops.delete(id);
      });
      if (this.closed) hop.client.end();
      return hop;
    })();
    this.hops.set(id, promise);
    // A failed handshake must not be cached: the next step may try again (e.g. after trusting a key).
    promise.catch(() => {
      if (this.hops.get(id) === promise) this.hops.delete(id);
    });
    return promise;
  }

  async close(): Promise<void> {
    this.closed = true;
    const links = [...this.links.values()];
    this.links.clear();
    await Promise.all(links.map((p) => p.then((o) => o.link.close(), () => undefined)));
    const all = [...this.hops.values()];
    this.hops.clear();
    // Innermost first, so a target's channel closes before the jump that carries it.
    for (const promise of all.reverse()) {
      try {
        (await promise).client.end();
      } catch {
        // A hop that never connected has nothing to close.
      }
    }
  }
}
