import type { SshCase } from '../../../support/ssh-g';

const cfg = (text: string) => ({ '.ssh/config': text });

/** Tokens per keyword, canonicalisation switches, and odd but legal spellings. */
export const tokenCases: SshCase[] = [
  { name: '%h in HostName keeps the given name lower-cased after', host: 'Web', files: cfg('Host Web\n  HostName %h.EXAMPLE\n') },
  { name: 'Match exec with %C %k %i %L %l %d %u', host: 'e', files: cfg('Host e\n  HostKeyAlias KA\nMatch exec "test -n %C && test %k = KA && test %i -ge 0 && test -n %L%l && test -d %d && test -n %u"\n  User all-tokens\n') },
  { name: 'Match exec with an unknown token is an error', host: 'e', files: cfg('Match exec "echo %z"\n  User x\n') },
  { name: 'ProxyJump with a # inside the word', host: 'app', files: cfg('Host app\n  ProxyJump gw#note\n') },
  { name: 'ProxyJump with a trailing comment', host: 'app', files: cfg('Host app\n  ProxyJump gw1,gw2 # two hops\n') },
  { name: 'Host with = and several patterns', host: 'b', files: cfg('Host = a b\n  User eq-host\n') },
  { name: 'StrictHostKeyChecking inside Match', host: 'e', files: cfg('Match host e\n  StrictHostKeyChecking no\n') },
  { name: 'CanonicalizeHostname no keeps one pass', host: 'e', files: cfg('CanonicalizeHostname no\nMatch canonical\n  User canon\n') },
  { name: 'CanonicalizeHostname always without domains', host: 'e', files: cfg('CanonicalizeHostname always\nMatch canonical\n  User canon-always\n') },
  { name: 'CanonicalizeHostname bad value', host: 'e', files: cfg('CanonicalizeHostname perhaps\n') },
  { name: 'Host lines on the second pass match the resolved name', host: 'short', files: cfg('CanonicalizeHostname yes\nHost short\n  HostName Long.Example\nHost long.example\n  User second-pass\n') },
  { name: 'UserKnownHostsFile none alone', host: 'e', files: cfg('Host e\n  UserKnownHostsFile none\n') },
  { name: 'escaped quote inside double quotes', host: 'e', files: cfg('Host e\n  User "a\\"b"\n') },
  { name: 'a second = belongs to the value', host: 'e', files: cfg('Host e\n  Port==22\n') },
  { name: 'IdentityFile with ${HOME} kept for later', host: 'e', files: cfg('Host e\n  IdentityFile ${HOME}/.ssh/env_key\n') },
  { name: 'Include with a glob in the folder', host: 'a', files: { '.ssh/config': 'Include */cfg\n', '.ssh/team/cfg': 'Host a\n  User team\n', '.ssh/zzz/cfg': 'Host a\n  User zzz\n  Port 2999\n' } },
  { name: 'Match host after ProxyJump and user@', host: 'ops@api', files: cfg('Host api\n  HostName api.internal\n  ProxyJump gw\nMatch host api.internal user ops\n  Port 2023\n') },
  { name: 'HostKeyAlias and HostName both lower-cased', host: 'e', files: cfg('Host e\n  HostKeyAlias MiXeD\n  HostName MiXeD.example\n') },
  { name: 'CertificateFile with tokens kept for later', host: 'e', files: cfg('Host e\n  CertificateFile ~/.ssh/%r@%h-cert.pub\n') },
  { name: 'GlobalKnownHostsFile first wins', host: 'e', files: cfg('Host e\n  GlobalKnownHostsFile /one\nHost *\n  GlobalKnownHostsFile /two /three\n') },
];
