// The resolved endpoint type on its own: resolve/endpoint.ts builds it and host-resolve.ts (which
// imports resolve/endpoint.ts) hands it out, so it cannot live in either without a circle.

/** One machine to connect to, fully resolved. */
export interface SshEndpoint {
  /** The name the runbook or the user wrote (`api-prod`). */
  alias: string;
  hostname: string;
  port: number;
  user: string;
  /** Private key files to offer, in order (after the agent). */
  identityFiles: string[];
  /** `IdentitiesOnly yes`: offer only identityFiles, not every key the agent holds. */
  identitiesOnly: boolean;
  /** `CertificateFile` entries, token-expanded. */
  certificateFiles: string[];
  /** `ProxyCommand`, token-expanded; null for none. Its stdin/stdout is the connection. */
  proxyCommand: string | null;
  /** `HostKeyAlias`: the name looked up in known_hosts instead of the host name. */
  hostKeyAlias: string | null;
  /** `UserKnownHostsFile` (default ~/.ssh/known_hosts ~/.ssh/known_hosts2), `/dev/null` kept as written. */
  userKnownHostsFiles: string[];
  /** `GlobalKnownHostsFile` (default /etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2). */
  globalKnownHostsFiles: string[];
  /** `StrictHostKeyChecking`, normalised as `ssh -G` prints it (`true` is `yes`, `false` is `no`). */
  strictHostKeyChecking: 'yes' | 'no' | 'ask' | 'accept-new';
  /** Why this host needs the system OpenSSH client (certificates, FIDO keys, PKCS11, GSSAPI); empty: ssh2 can do it. */
  needsOpenSsh: string[];
}
