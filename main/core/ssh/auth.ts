import { existsSync, readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import type { AnyAuthMethod, IdentityCallback, ParsedKey } from 'ssh2';
import type { SshEndpoint } from './host-resolve';
import type { SshOptions } from './types';

const { utils, OpenSSHAgent } = ssh2;

const maxPassphraseTries = 3;

function isEncryptedKeyError(err: Error): boolean {
  return /encrypted|passphrase|bad decrypt|integrity check/i.test(err.message);
}

/** SSH public-key blobs of identity files, from `FILE.pub` or an unencrypted private key. */
function publicKeysOf(files: readonly string[]): Buffer[] {
  const out: Buffer[] = [];
  for (const file of files) {
    for (const candidate of [`${file}.pub`, file]) {
      if (!existsSync(candidate)) continue;
      try {
        const parsed = utils.parseKey(readFileSync(candidate));
        if (parsed instanceof Error) continue;
        out.push((Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed).getPublicSSH());
        break;
      } catch {
        continue;
      }
    }
  }
  return out;
}

/** An ssh-agent client that shows only the agent keys matching the identity files. */
class ListedKeysAgent extends OpenSSHAgent {
  constructor(
    socket: string,
    private readonly allowed: Buffer[],
  ) {
    super(socket);
  }

  override getIdentities(cb: IdentityCallback<ParsedKey>): void {
    super.getIdentities((err, keys) => {
      if (err || !keys) return cb(err, keys);
      // OpenSSHAgent hands out parsed keys; anything else cannot be matched and is left out.
      cb(null, keys.filter((k): k is ParsedKey => 'getPublicSSH' in k && this.allowed.some((a) => a.equals(k.getPublicSSH()))));
    });
  }
}

/**
 * The authentication methods to offer, one at a time: the agent first, then plain key files, then
 * encrypted ones. A passphrase is asked only when an encrypted key is actually needed, is used to
 * decrypt the key in memory, and is never kept.
 */
export function authMethods(endpoint: SshEndpoint, options: SshOptions, timer: { pause(): void; resume(): void }): { next(): Promise<AnyAuthMethod | null> } {
  const username = endpoint.user;
  const queue: (() => Promise<AnyAuthMethod | null>)[] = [];
  if (options.agentSocket) {
    // IdentitiesOnly: the agent may sign only for the listed identity files (as OpenSSH does), so
    // a host never sees the other keys the agent holds (each offered key identifies the user).
    const agent = endpoint.identitiesOnly ? new ListedKeysAgent(options.agentSocket, publicKeysOf(endpoint.identityFiles)) : options.agentSocket;
    queue.push(() => Promise.resolve({ type: 'agent', username, agent }));
  }

  const encrypted: { file: string; data: Buffer }[] = [];
  for (const file of endpoint.identityFiles) {
    if (!existsSync(file)) continue;
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      continue;
    }
    const parsed = utils.parseKey(data);
    if (parsed instanceof Error) {
      if (isEncryptedKeyError(parsed)) encrypted.push({ file, data });
      continue;
    }
    const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed;
    queue.push(() => Promise.resolve({ type: 'publickey', username, key }));
  }
  for (const { file, data } of encrypted) {
    queue.push(async () => {
      timer.pause();
      try {
        for (let attempt = 0; attempt < maxPassphraseTries; attempt++) {
          const passphrase = await options.prompts.passphrase({ host: endpoint.alias, keyFile: file, retry: attempt > 0 });
          if (passphrase === null) return null;
          const parsed = utils.parseKey(data, passphrase);
          if (!(parsed instanceof Error)) {
            const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed;
            return { type: 'publickey', username, key };
          }
        }
        return null;
      } finally {
        timer.resume();
      }
    });
  }

  return {
    async next() {
      for (;;) {
        const step = queue.shift();
        if (!step) return null;
        const method = await step();
        // A declined passphrase skips that key; move on to the next method.
        if (method) return method;
      }
    },
  };
}
