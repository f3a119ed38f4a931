import { isAbsolute, join, resolve } from 'node:path';
import { defineCommand, writeJson } from '../command';
import { resourcesDir } from '../paths';

const checkUsage = `Usage: oncall config check [--config FILE] [--json]

Validates config.yml and everything it references: the rule files under rules.files (parsed as
\`oncall rules check\` does), the runbooks in your runbook folders (as \`oncall runbook check\`), and
files that config.yml points to. One line per problem, file:line:column: field: message, then a
summary.

  --config FILE   check this file instead of config.yml in the data folder (--home / ONCALL_HOME)
  --json          {"ok", "files": [{"file", "kind", "ok"}], "problems": [{"file", "line", "column",
                  "field", "message", "severity"}]}; line and column are null where unknown

Exit 0 when there is no error (warnings allowed), 1 otherwise. config.yml is optional: without one
the defaults apply, so a missing config.yml is a warning (exit 0) and <home>/runbooks is still
checked. A --config FILE that does not exist is an error (exit 1).
`;

export const command = defineCommand({
  summary: 'validate config.yml and the rule files and runbooks it references',
  usage: 'Usage: oncall config check [--config FILE] [--json]\n',
  subcommands: {
    check: {
      summary: 'validate config.yml and everything it references',
      usage: checkUsage,
      options: { config: { type: 'string' }, json: { type: 'boolean' } },
      async run({ values }, ctx) {
        const [{ checkConfig, formatConfigProblem }, { composedConfig }, { configChecks }] = await Promise.all([
          import('../../core/config/check'),
          import('../../core/composed-config'),
          import('../../core/composed-checks'),
        ]);
        const named = typeof values.config === 'string' ? values.config : undefined;
        const configFile = named === undefined ? join(ctx.home, 'config.yml') : isAbsolute(named) ? named : resolve(named);
        const report = await checkConfig({ configFile, home: ctx.home, resourcesDir, composed: composedConfig, checks: configChecks, required: named !== undefined });
        if (values.json) {
          writeJson(ctx, { ok: report.ok, files: report.files, problems: report.problems });
          return report.ok ? 0 : 1;
        }
        for (const p of report.problems) (p.severity === 'error' ? ctx.stderr : ctx.stdout).write(`${formatConfigProblem(p)}\n`);
        ctx.stdout.write(`${report.summary}\n`);
        return report.ok ? 0 : 1;
      },
    },
  },
});
