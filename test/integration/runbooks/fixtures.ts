import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sshd } from '../../support/sshd';

/**
 * Data directories for the runbook integration tests: config.yml points the host `app` at a real
 * sshd, and a few runbooks exercise every step kind that needs no other peer.
 */

/** `ssh.hosts` entry `app` for the given sshd; ~/.ssh/config is ignored so the machine's own setup cannot leak in. */
export function writeConfig(home: string, sshd: Sshd, extra = ''): void {
  writeFileSync(
    join(home, 'config.yml'),
    [
      'ssh:',
      '  useSshConfig: false',
      '  hosts:',
      '    - name: app',
      '      hostname: 127.0.0.1',
      `      port: ${sshd.port}`,
      `      user: ${sshd.user}`,
      `      identityFile: ${sshd.clientKey}`,
      extra,
    ].join('\n'),
  );
}

/** Trusts the sshd's host key in the app's own known_hosts, so no question is asked. */
export function trustHost(home: string, sshd: Sshd): void {
  writeFileSync(join(home, 'known_hosts'), `${sshd.knownHostsLine()}\n`);
}

export function writeRunbook(home: string, name: string, text: string): string {
  mkdirSync(join(home, 'runbooks'), { recursive: true });
  const file = join(home, 'runbooks', `${name}.md`);
  writeFileSync(file, text);
  return file;
}

/** The SHA256 fingerprint as `ssh-keygen -lf` prints it, to compare with what the journal recorded. */
export function fingerprintOf(dir: string, publicKey: string): string {
  const file = join(dir, 'fingerprint-check.pub');
  writeFileSync(file, `${publicKey}\n`);
  return execFileSync('ssh-keygen', ['-lf', file], { encoding: 'utf8' }).split(' ')[1] ?? '';
}

/**
 * Seven steps: two read-only ssh diagnostics, a local command, a secret-bearing ssh step, a
 * dangerous (confirm) step, an optional step to skip, and a manual check. `marker` is a folder on
 * the "remote" side (the same machine) where steps leave traces the test can look for.
 */
export function guidedRunbook(marker: string): string {
  return `---
id: it-guided
title: Integration guided run
severity: P2
hosts: [app]
params:
  service:
    description: the service to look at
    default: api
  token:
    description: an API token
    secret: true
---
# Integration guided run

## Who runs here

\`\`\`sh {name=whoami host=app readonly=true}
echo "user=$(id -un)"
\`\`\`

## Service state

\`\`\`sh {name=state host=app readonly=true expect_output="^state of api$"}
echo state of {{service}}
\`\`\`

## Local view

\`\`\`sh {name=local host=local}
echo local {{service}}
\`\`\`

## Call the API

\`\`\`sh {name=call host=app}
echo calling with {{token}}
\`\`\`

## Restart the service

\`\`\`sh {name=restart host=app confirm=true}
touch ${marker}/restarted && echo restarted {{service}}
\`\`\`

## Optional cleanup

\`\`\`sh {name=cleanup host=app}
touch ${marker}/cleaned
\`\`\`

## Tell the team

- [ ] Post in the incident channel
`;
}

/** An alert-linked runbook whose auto steps are all read-only: they run by themselves; the last step never does. */
export function autoRunbook(marker: string): string {
  return `---
id: it-auto
title: Integration automated diagnostics
alerts: [ItDiskFull]
hosts: [app]
---
# Automated diagnostics

## Disk usage

\`\`\`sh {name=usage host=app readonly=true auto=true}
echo usage-for {{instance}}
\`\`\`

## Load

\`\`\`sh {name=load host=app readonly=true auto=true}
cat /proc/loadavg
\`\`\`

## Free space

\`\`\`sh {name=free host=app}
touch ${marker}/auto-freed
\`\`\`
`;
}

/** An auto step that is not read-only: the whole runbook is refused for automated runs. */
export function unsafeAutoRunbook(marker: string): string {
  return `---
id: it-unsafe-auto
title: Integration unsafe automation
alerts: [ItUnsafe]
hosts: [app]
---
# Unsafe automation

## Look

\`\`\`sh {name=look host=app readonly=true auto=true}
touch ${marker}/unsafe-look
\`\`\`

## Restart by itself

\`\`\`sh {name=restart host=app auto=true}
touch ${marker}/unsafe-restart
\`\`\`
`;
}

/** Two params that try to break out of their argument; printf shows one line per argument it got. */
export function injectionRunbook(): string {
  return `---
id: it-injection
title: Integration injection
hosts: [app]
params:
  first:
    description: anything
  second:
    description: anything
---
# Injection

## Echo the arguments

\`\`\`sh {name=args host=app}
printf '<%s>\\n' {{first}} {{second}}
\`\`\`
`;
}

/** A step that runs until it is cancelled; `marker` makes its processes findable with pgrep. */
export function slowRunbook(marker: string): string {
  return `---
id: it-slow
title: Integration slow step
hosts: [app]
---
# Slow

## Wait a long time

\`\`\`sh {name=slow host=app}
echo started; (${marker}) & ${marker}1; echo never
\`\`\`
`;
}
