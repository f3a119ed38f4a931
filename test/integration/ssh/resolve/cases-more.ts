import type { SshCase } from '../../../support/ssh-g';

const cfg = (text: string) => ({ '.ssh/config': text });

/** Corners found while writing the others: recursion, passes, empty files, values ssh leaves alone. */
export const moreCases: SshCase[] = [
  { name: 'self-Include recursion is an error', host: 'a', files: cfg('Include config\nHost a\n  User loop\n') },
  { name: 'Include of a folder', host: 'a', files: { '.ssh/config': 'Include conf.d\nHost a\n  User after\n', '.ssh/conf.d/x': 'Host a\n  Port 2400\n' } },
  { name: 'an empty config file', host: 'a', files: cfg('') },
  { name: 'only comments', host: 'a', files: cfg('# nothing\n   # here\n\n') },
  { name: 'User is not token-expanded', host: 'e', files: cfg('Host e\n  User u%h\n') },
  { name: 'negation after a positive pattern on one Host line', host: 'a', files: cfg('Host * !a\n  User not-a\nHost !b *\n  Port 2401\n') },
  { name: 'invalid ProxyJump in an inactive block is still an error', host: 'e', files: cfg('Host other\n  ProxyJump @bad\nHost e\n  User u\n') },
  { name: 'quoted StrictHostKeyChecking value', host: 'e', files: cfg('Host e\n  StrictHostKeyChecking="accept-new"\n') },
  { name: 'UserKnownHostsFile only on the final pass', host: 'e', files: cfg('Match final\n  UserKnownHostsFile ~/.ssh/final_%h\nHost e\n  HostName e.example\n') },
  { name: 'four jump hosts', host: 'deep', files: cfg('Host deep\n  ProxyJump a,b@b.example,ssh://c@c:2,d:2222\n') },
  { name: 'Host after a Match resets the block', host: 'e', files: cfg('Match host nope\n  User no\nHost e\n  User yes-host\n') },
  { name: 'Include from inside a Match block', host: 'e', files: { '.ssh/config': 'Match user root\n  Include m/*.conf\nHost *\n  Port 2402\n', '.ssh/m/1.conf': 'User via-match-include\n' } },
  { name: 'ProxyCommand keeps inner = and quotes', host: 'p', files: cfg("Host p\n  ProxyCommand = sh -c 'exec nc \"$0\" %p' %h\n") },
  { name: 'GlobalKnownHostsFile /dev/null', host: 'e', files: cfg('Host e\n  GlobalKnownHostsFile /dev/null\n') },
  { name: 'HostName that is an IPv6 literal', host: 'v6', files: cfg('Host v6\n  HostName 2001:DB8::5\n') },
  { name: 'CertificateFile without IdentityFile keeps the default keys', host: 'e', files: cfg('Host e\n  CertificateFile ~/.ssh/user-cert.pub\n') },
];

/** How ssh rewrites numeric and colon-bearing names (lower-cases only the others). */
export const addressCases: SshCase[] = ['2001:DB8:0::5', 'ABC::1', '010.1.1.1', '0x7f.1', '1.2.3', 'ABC:XYZ', '::FFFF:1.2.3.4', '256.1.1.1', '1.2.3.4.5', 'Web.Example.'].map((name) => ({
  name: `host name ${name}`,
  host: 'h',
  files: cfg(`Host h\n  HostName ${name}\n`),
}));
