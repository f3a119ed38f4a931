export { execRemote, killRemoteGroup, type ExecEnd, type ExecResult } from './exec';
export { defaultSshDir, endpoint, parseDestination, resolveHost, resolveHostOptions, type ConfiguredHost, type HostSources, type ResolvedHost, type SshEndpoint } from './host-resolve';
export { appendTrustedKey, checkHostKey, hostKeyName, knownHostsFilesFor, knownHostsName, parseKnownHosts, readKnownHosts, sha256Fingerprint, type HostKeyStatus } from './known-hosts';
export { verifyHostCertificate } from './host-cert';
export { judgeHostKey } from './host-key-policy';
export { chooseTransport } from './transport-choice';
export { SshPool, type SshConnection } from './pool';
export type { HopKey, HostKeyDecision, HostKeyQuestion, SshOptions, SshPrompts, SshTransport } from './types';
