import type { Duplex, Readable } from 'node:stream';
import ssh2 from 'ssh2';
import type { AnyAuthMethod, Client as ClientType, ServerHostKeyAlgorithm } from 'ssh2';
import { AppError } from '../shared/errors';
import { authMethods } from './auth';
import type { SshEndpoint } from './host-resolve';
import { judgeHostKey } from './host-key-policy';
import { appendTrustedKey, hostKeyName, knownHostsFilesFor, knownKeyTypes, readKnownHosts } from './known-hosts';
import { spawnProxyCommand } from './proxy-command';
import type { HopKey, SshOptions } from './types';

const { Client } = ssh2;

/** Host-key algorithms per key type, so a host we already know is asked for the key we can check. */
const algorithmsForType: Record<string, ServerHostKeyAlgorithm[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
};

export interface Hop {
  client: ClientType;
  key: HopKey;
}

/**
 * One SSH handshake to one endpoint, over TCP or over a stream forwarded by a jump host.
 * The host key is checked before any credential is sent.
 */
export function connectHop(endpoint: SshEndpoint, options: SshOptions, via: { sock?: Readable | Duplex; jumpFor?: string } = {}): Promise<Hop> {
  const client = new Client();
  const files = knownHostsFilesFor(endpoint, options.appKnownHostsFile);
  const preferred = knownKeyTypes(readKnownHosts(files), hostKeyName(endpoint)).flatMap((t) => algorithmsForType[t] ?? []);
  const proxy = !via.sock && endpoint.proxyCommand !== null ? spawnProxyCommand(endpoint.proxyCommand) : null;
  const sock = via.sock ?? proxy?.sock;
  client.on('close', () => proxy?.kill());
  let presented: HopKey | null = null;
  let refusal: AppError | null = null;

  return new Promise<Hop>((resolve, reject) => {
    let settled = false;
    let cancelTimer: (() => void) | null = null;
    // Our own ready timer: it stops while a human is answering a prompt, which ssh2's cannot.
    const armTimer = () => {
      cancelTimer?.();
      cancelTimer = options.clock.setTimeout(() => fail(new AppError('unavailable', `ssh ${endpoint.alias}: no SSH handshake within ${options.readyTimeout} ms (${endpoint.hostname}:${endpoint.port})`)), options.readyTimeout);
    };
    const pauseTimer = () => {
      cancelTimer?.();
      cancelTimer = null;
    };
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      pauseTimer();
      client.end();
      // A relay that never got as far as a handshake must not outlive the attempt.
      proxy?.kill();
      reject(err);
    };
    client.on('ready', () => {
      if (settled) return;
      settled = true;
      pauseTimer();
      if (!presented) return reject(new AppError('internal', 'connected without a host key check'));
      resolve({ client, key: presented });
    });
    // A relay's own words explain most failures: read them before reporting (its exit may lag the socket's).
    const withRelay = (message: string) => {
      if (!proxy) return Promise.resolve(message);
      return proxy.settled(1_000).then(() => (proxy.stderr() ? `${message} (ProxyCommand said: ${proxy.stderr()})` : message));
    };
    client.on('error', (err: Error & { level?: string }) => {
      if (refusal) return fail(refusal);
      const hint = err.level === 'client-authentication' ? ` (authentication failed as ${endpoint.user}: check the key, the agent or authorized_keys)` : '';
      void withRelay(`ssh ${endpoint.alias} (${endpoint.hostname}:${endpoint.port}): ${err.message}${hint}`).then((m) => fail(new AppError('unavailable', m)));
    });
    client.on('close', () => {
      if (refusal) return fail(refusal);
      void withRelay(`ssh ${endpoint.alias}: connection closed during the handshake`).then((m) => fail(new AppError('unavailable', m)));
    });

    const hostVerifier = (blob: Buffer, verify: (ok: boolean) => void): void => {
      const verdict = judgeHostKey(endpoint, readKnownHosts(files), blob, new Date(options.clock.now()));
      presented = verdict.key;
      switch (verdict.action) {
        case 'accept':
          if (verdict.record) appendTrustedKey(options.appKnownHostsFile, hostKeyName(endpoint), verdict.record);
          return verify(true);
        case 'refuse':
          refusal = verdict.error;
          return verify(false);
        case 'ask': {
          const { keyType, fingerprint } = verdict.key;
          pauseTimer();
          options.prompts
            .trustHostKey({ host: endpoint.alias, hostname: endpoint.hostname, port: endpoint.port, keyType, fingerprint, ...(via.jumpFor ? { jumpFor: via.jumpFor } : {}) })
            .then((trusted) => {
              if (!trusted) {
                refusal = new AppError('forbidden', `host key of ${endpoint.alias} (${keyType} ${fingerprint}) not trusted; nothing was run`);
                return verify(false);
              }
              appendTrustedKey(options.appKnownHostsFile, hostKeyName(endpoint), verdict.blob);
              armTimer();
              verify(true);
            })
            .catch((err: unknown) => {
              refusal = new AppError('forbidden', `host key of ${endpoint.alias} not trusted: ${(err as Error).message}`);
              verify(false);
            });
        }
      }
    };

    const methods = authMethods(endpoint, options, { pause: pauseTimer, resume: armTimer });
    armTimer();
    client.connect({
      host: endpoint.hostname,
      port: endpoint.port,
      username: endpoint.user,
      ...(sock ? { sock } : {}),
      hostVerifier,
      // Disabled: armTimer above enforces readyTimeout and pauses while a prompt is open.
      readyTimeout: 2_147_483_647,
      keepaliveInterval: options.keepaliveInterval,
      keepaliveCountMax: 3,
      ...(preferred.length > 0 ? { algorithms: { serverHostKey: { prepend: preferred, append: [], remove: [] } } } : {}),
      authHandler: (_left, _partial, next) => {
        // ssh2 takes `false` for "no more methods", which its typings leave out.
        const done = next as (method: AnyAuthMethod | false) => void;
        methods
          .next()
          .then((method) => done(method ?? false))
          .catch(() => done(false));
      },
    });
    // ssh2 leaves Nagle's algorithm on. Each step on a reused connection sends a few small packets in
    // a row (exec request, EOF, close); Nagle holds the next one until the peer's delayed ACK, which
    // cost ~40 ms per command (measured: 44 ms vs 2 ms per `echo` on loopback). OpenSSH sets
    // TCP_NODELAY for interactive sessions for the same reason. No effect on a jump-forwarded stream.
    client.setNoDelay(true);
  });
}
