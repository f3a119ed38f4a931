export { execRemote, killRemoteGroup, type ExecEnd, type ExecResult } from './exec';
export { defaultSshDir, endpoint, parseDestination, resolveHost, resolveHostOptions, type ConfiguredHost, type HostSources, type ResolvedHost, type SshEndpoint } from './host-resolve';
export { appendTrustedKey, checkHostKey, knownHostsName, parseKnownHosts, readKnownHosts, sha256Fingerprint, type HostKeyStatus } from './known-hosts';
export { SshPool, type SshConnection } from './pool';
export type { HopKey, HostKeyQuestion, SshOptions, SshPrompts } from './types';
