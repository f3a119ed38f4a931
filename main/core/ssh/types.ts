import type { Clock } from '../shared/clock';

/** What the user sees when a host presents a key nobody has vouched for yet. */
export interface HostKeyQuestion {
  /** The name in the runbook (`api-prod`) or the jump host's name. */
  host: string;
  hostname: string;
  port: number;
  keyType: string;
  /** `SHA256:...` as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** Set when this host is a hop on the way to another host. */
  jumpFor?: string;
}

/**
 * Questions only a human may answer, asked through the face (a dialog in the UI, a prompt in the
 * terminal). Answers are never stored, except a trusted host key, which goes to the app's known_hosts.
 */
export interface SshPrompts {
  trustHostKey(question: HostKeyQuestion): Promise<boolean>;
  /** Null: the user declined; the key is skipped. */
  passphrase(question: { host: string; keyFile: string; retry: boolean }): Promise<string | null>;
}

export interface SshOptions {
  /** ~/.ssh/known_hosts (read only) then the app's own file (read and appended). */
  knownHostsFiles: string[];
  appKnownHostsFile: string;
  prompts: SshPrompts;
  /** SSH_AUTH_SOCK, when an agent is running. */
  agentSocket?: string | undefined;
  keepaliveInterval: number;
  readyTimeout: number;
  clock: Clock;
}

/** The key a hop presented, as recorded on the timeline. */
export interface HopKey {
  host: string;
  hostname: string;
  port: number;
  keyType: string;
  fingerprint: string;
}
