import { resolve } from 'node:path';
import { defineCommand, UsageError, writeJson, type CliContext } from '../command';
import type { ResolutionDescription } from '../../core/ssh/describe';

const resolveUsage = `Usage: oncall ssh resolve HOST [--json]

  Prints what a runbook step on HOST would connect with: config.yml's ssh.hosts first, then
  ~/.ssh/config exactly as \`ssh -G\` reads it (the installed OpenSSH when there is one).
  HOST may be user@host, host:port or ssh://user@host:port, as in a runbook.

  --json   one JSON object; an unknown host or a bad config is {"error": {...}} and exit 1
`;

/** `oncall ssh resolve`: the console's answer to `ssh -G`, with the jump chain followed. */
export const command = defineCommand({
  summary: 'show how an SSH host resolves (HostName, User, Port, keys, jump hosts, known_hosts)',
  usage: 'Usage: oncall ssh resolve HOST [--json]\n',
  subcommands: {
    resolve: {
      summary: 'show what a step on HOST would connect with',
      usage: resolveUsage,
      options: { json: { type: 'boolean' } },
      async run({ values, positionals }, ctx) {
        if (positionals.length !== 1) throw new UsageError('name exactly one host');
        return resolveCommand(positionals[0] ?? '', values.json === true, ctx);
      },
    },
  },
});

async function resolveCommand(name: string, json: boolean, ctx: CliContext): Promise<number> {
  const { AppError, toApiError } = await import('../../core/shared/errors');
  const { describeResolution } = await import('../../core/ssh/describe');
  const { openConfigStore } = await import('../../core/composed-config');
  try {
    const config = openConfigStore(resolve(ctx.home, 'config.yml'));
    config.reload();
    const { ssh } = config.current();
    const { defaultSshDir } = await import('../../core/ssh');
    const described = await describeResolution(name, { hosts: ssh.hosts, sshDir: defaultSshDir(), useSshConfig: ssh.useSshConfig });
    if (json) writeJson(ctx, described);
    else ctx.stdout.write(formatText(described));
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (json) writeJson(ctx, { error: toApiError(err) });
    else ctx.stderr.write(`oncall ssh resolve: ${err.message}\n`);
    return 1;
  }
}

function formatText(d: ResolutionDescription): string {
  const lines = [
    `${d.user}@${d.hostname}:${String(d.port)}`,
    ...d.chain.map((hop, i) => `  ${i === 0 ? 'via' : 'then'} ${hop.user}@${hop.hostname}:${String(hop.port)}`),
    `identityfile          ${d.identityfile.join(' ') || '(none)'}${d.identitiesonly ? '  (IdentitiesOnly)' : ''}`,
  ];
  if (d.certificatefile.length) lines.push(`certificatefile       ${d.certificatefile.join(' ')}`);
  if (d.proxycommand !== null) lines.push(`proxycommand          ${d.proxycommand}`);
  if (d.hostkeyalias !== null) lines.push(`hostkeyalias          ${d.hostkeyalias}`);
  lines.push(`userknownhostsfile    ${d.userknownhostsfile.join(' ')}`, `globalknownhostsfile  ${d.globalknownhostsfile.join(' ')}`, `stricthostkeychecking ${d.stricthostkeychecking}`);
  if (d.needsopenssh.length) lines.push(`needs OpenSSH         ${d.needsopenssh.join('; ')}`);
  return `${lines.join('\n')}\n`;
}
