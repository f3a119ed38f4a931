import type { SshCase } from '../../../support/ssh-g';

/** Include: relative to ~/.ssh, globs in order, inherited and restored Host/Match state. */
export const includeCases: SshCase[] = [
  { name: 'relative Include lives in ~/.ssh', host: 'a', files: { '.ssh/config': 'Include extra\n', '.ssh/extra': 'Host a\n  HostName from-extra\n' } },
  { name: 'Include with ~/', host: 'a', files: { '.ssh/config': 'Include ~/.ssh/inc/one\n', '.ssh/inc/one': 'Host a\n  User tilde\n' } },
  { name: 'Include glob in sorted order, first wins', host: 'a', files: { '.ssh/config': 'Include conf.d/*.conf\nHost a\n  User last\n', '.ssh/conf.d/20-b.conf': 'Host a\n  User b\n  Port 2020\n', '.ssh/conf.d/10-a.conf': 'Host a\n  User a\n', '.ssh/conf.d/notes.txt': 'Host a\n  Port 1\n' } },
  { name: 'Include glob skips dot files', host: 'a', files: { '.ssh/config': 'Include conf.d/*\n', '.ssh/conf.d/.hidden': 'Host a\n  User hidden\n', '.ssh/conf.d/shown': 'Host a\n  Port 2345\n' } },
  { name: 'Include of a missing file is ignored', host: 'a', files: { '.ssh/config': 'Include nothing-here missing/*.conf\nHost a\n  User ok\n' } },
  { name: 'several files on one Include line', host: 'a', files: { '.ssh/config': 'Include x y\n', '.ssh/x': 'Host a\n  Port 2001\n', '.ssh/y': 'Host a\n  Port 2002\n  User y\n' } },
  { name: 'Include inside an active Host block', host: 'a', files: { '.ssh/config': 'Host a\n  Include a.conf\n', '.ssh/a.conf': 'User from-a-conf\nHostName inc.example\n' } },
  { name: 'Include inside an inactive Host block adds nothing', host: 'a', files: { '.ssh/config': 'Host b\n  Include b.conf\nHost a\n  Port 2002\n', '.ssh/b.conf': 'User from-b\nHost *\n  HostName leaked\n' } },
  { name: 'Host in an included file does not change the includer', host: 'a', files: { '.ssh/config': 'Host a\n  Include other\n  User after-include\n', '.ssh/other': 'Host nomatch\n  Port 1\n' } },
  { name: 'nested Include', host: 'a', files: { '.ssh/config': 'Include l1\n', '.ssh/l1': 'Include l2\nHost a\n  User l1\n', '.ssh/l2': 'Host a\n  Port 2012\n' } },
  { name: 'Include after settings loses to them', host: 'a', files: { '.ssh/config': 'Host a\n  HostName main\nInclude late\n', '.ssh/late': 'Host a\n  HostName late\n  User late\n' } },
  { name: 'Include via = separator and quotes', host: 'a', files: { '.ssh/config': 'Include="my dir/x.conf"\n', '.ssh/my dir/x.conf': 'Host a\n  User spaced\n' } },
  { name: 'Match in an included file', host: 'a', files: { '.ssh/config': 'Include m.conf\nHost a\n  Port 2100\n', '.ssh/m.conf': 'Match host a\n  User matched-in-include\n' } },
  { name: 'Include and relative ../ path', host: 'a', files: { '.ssh/config': 'Include ../elsewhere/conf\n', 'elsewhere/conf': 'Host a\n  User up-one\n' } },
];
