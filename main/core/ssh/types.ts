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
  /**
   * The app's own known_hosts (read and appended). The endpoint's UserKnownHostsFile and
   * GlobalKnownHostsFile are read as well, never written.
   */
  appKnownHostsFile: string;
  /** ~/.ssh/config for the system OpenSSH client (`-F`); null: `-F none`, every option on the command line. */
  sshConfigFile?: string | null | undefined;
  /** `openssh`: every host through /usr/bin/ssh; `auto` (default): only hosts ssh2 cannot serve. */
  transport?: 'auto' | 'openssh' | undefined;
  /** The OpenSSH client binary (default /usr/bin/ssh). */
  sshBinary?: string | undefined;
  prompts: SshPrompts;
  /** SSH_AUTH_SOCK, when an agent is running. */
  agentSocket?: string | undefined;
  keepaliveInterval: number;
  readyTimeout: number;
  clock: Clock;
}

/** Which client carried a step: the built-in ssh2 or the system OpenSSH (`/usr/bin/ssh`). */
export type SshTransport = 'ssh2' | 'openssh';

/**
 * Why a host key was accepted, as the timeline shows it:
 * `known` (on record), `certificate` (signed by an @cert-authority), `accepted-new` (unknown,
 * trusted unattended by accept-new and recorded), `trusted-by-user` (asked), `unchecked`
 * (StrictHostKeyChecking no: unknown and not verified).
 */
export type HostKeyDecision = 'known' | 'certificate' | 'accepted-new' | 'trusted-by-user' | 'unchecked';

/** The key a hop presented, as recorded on the timeline. */
export interface HopKey {
  host: string;
  hostname: string;
  port: number;
  keyType: string;
  fingerprint: string;
  decision: HostKeyDecision;
  /** Where the decision came from: `file:line` of the key or CA, the app file it was recorded in, or a warning. */
  detail: string;
}
