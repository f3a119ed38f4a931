import { execFile } from 'node:child_process';
import type { ResolveRequest } from './fallback';
import { parseStrict } from './keywords';
import type { ResolvedOptions } from './state';

/** Thrown when ssh itself rejects the configuration; the message is ssh's own. */
export class OpenSshConfigError extends Error {}

/** The argv of `ssh -G` for a request. `--` keeps a host name from being read as an option. */
export function sshGArgs(request: ResolveRequest): string[] {
  const args = ['-G'];
  if (request.configFile !== null) args.push('-F', request.configFile);
  for (const option of request.options) args.push('-o', option);
  args.push('--', request.host);
  return args;
}

interface SshGRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs ssh -G without blocking: the engine resolves a step's host while probes and the UI go on, and
 * a `Match exec` in the user's config may take its time (10 s at most here). Null: no ssh to run.
 */
function runSshG(sshBinary: string, args: string[], env: NodeJS.ProcessEnv): Promise<SshGRun | null> {
  return new Promise((resolve, reject) => {
    const child = execFile(sshBinary, args, { encoding: 'utf8', env, timeout: 10_000 }, (error, stdout, stderr) => {
      if (error === null) return resolve({ status: 0, stdout, stderr });
      if (error.code === 'ENOENT') return resolve(null);
      // A string code is a spawn failure; a kill is the timeout: neither is ssh's answer.
      if (typeof error.code !== 'number' || error.killed) return reject(new Error(error.killed ? 'ssh -G did not answer within 10 s' : error.message));
      resolve({ status: error.code, stdout, stderr });
    });
    // stdin closed and no tty: ssh -G never reads either, and must not wait on a terminal.
    child.stdin?.end();
  });
}

/** Runs the installed `ssh -G`. Null when there is no ssh binary to ask. */
export async function resolveWithOpenSsh(request: ResolveRequest, sshBinary = 'ssh', env: NodeJS.ProcessEnv = process.env): Promise<ResolvedOptions | null> {
  const run = await runSshG(sshBinary, sshGArgs(request), env);
  if (run === null) return null;
  // An ssh too old for -G (or not OpenSSH at all) counts as no OpenSSH: the TypeScript resolver answers.
  if (run.status !== 0 && /(unknown|illegal) option -- G/.test(run.stderr)) return null;
  if (run.status !== 0) {
    // ssh ends its error lines with \r\n (it writes them as if to a terminal).
    const message = run.stderr
      .split(/\r?\n/)
      .map((l) => l.trimEnd())
      .filter((l) => l !== '' && !l.startsWith('Pseudo-terminal'))
      .join('; ');
    throw new OpenSshConfigError(message || `ssh -G exited with ${String(run.status)}`);
  }
  return parseSshG(run.stdout);
}

/** Reads `ssh -G` output (one lower-case keyword per line; repeated keywords accumulate). */
export function parseSshG(output: string): ResolvedOptions {
  const values = new Map<string, string[]>();
  for (const line of output.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const key = line.slice(0, space).toLowerCase();
    const list = values.get(key) ?? [];
    list.push(line.slice(space + 1));
    values.set(key, list);
  }
  const one = (key: string): string | null => values.get(key)?.[0] ?? null;
  const words = (key: string): string[] => (one(key) ?? '').split(' ').filter((w) => w !== '');
  const flag = (key: string, fallback: boolean): boolean => {
    const v = one(key);
    return v === null ? fallback : v !== 'no' && v !== 'false';
  };
  const proxyCommand = one('proxycommand');
  return {
    host: one('host') ?? '',
    hostname: one('hostname') ?? '',
    user: one('user') ?? '',
    port: Number(one('port') ?? '22'),
    identityfile: values.get('identityfile') ?? [],
    certificatefile: values.get('certificatefile') ?? [],
    proxyjump: one('proxyjump'),
    proxycommand: proxyCommand === null || proxyCommand === 'none' ? null : proxyCommand,
    hostkeyalias: one('hostkeyalias'),
    userknownhostsfile: words('userknownhostsfile'),
    globalknownhostsfile: words('globalknownhostsfile'),
    stricthostkeychecking: parseStrict(one('stricthostkeychecking') ?? 'ask') ?? 'ask',
    identitiesonly: flag('identitiesonly', false),
    pkcs11provider: one('pkcs11provider'),
    gssapiauthentication: flag('gssapiauthentication', false),
    pubkeyauthentication: flag('pubkeyauthentication', true),
    passwordauthentication: flag('passwordauthentication', true),
    kbdinteractiveauthentication: flag('kbdinteractiveauthentication', true),
  };
}
