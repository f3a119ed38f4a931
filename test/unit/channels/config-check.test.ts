import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composedConfig } from '../../../main/core/composed-config';
import { configChecks } from '../../../main/core/composed-checks';
import { checkConfig } from '../../../main/core/config/check';

function home(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-ch-check-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const run = (dir: string) => checkConfig({ configFile: join(dir, 'config.yml'), home: dir, resourcesDir: '/r', composed: composedConfig, checks: configChecks, required: false });

describe('config check: secrets in clear', () => {
  it('warns, at the line, about a secret written in clear in config.yml, not about references or *_file', async () => {
    const dir = home({
      'config.yml': [
        'alerting:',
        '  route: { receiver: team }',
        '  receivers:',
        '    - name: team',
        '      slack_configs:',
        '        - api_url: https://hooks.slack.com/services/T1/B2/xyz',
        '        - api_url: https://slack.com/api/chat.postMessage',
        '          http_config: { authorization: { credentials: xoxb-123 } }',
        '      webhook_configs:',
        "        - url: '${env:HOOK}'",
        '        - url_file: /run/hook',
        '      email_configs:',
        '        - { to: a@example.org, auth_password: keychain:smtp }',
        '',
      ].join('\n'),
    });
    const report = await run(dir);
    expect(report.ok).toBe(true);
    expect(report.problems.map((p) => [p.severity, p.line, p.field])).toEqual([
      ['warning', 6, 'alerting.receivers[0].slack_configs[0].api_url'],
      ['warning', 8, 'alerting.receivers[0].slack_configs[1].http_config.authorization.credentials'],
    ]);
    expect(report.problems[0]?.message).toMatch(/use api_url_file, keychain:NAME or \$\{env:NAME\}/);
  });

  it('accepts secrets in the team\'s own alertmanager.yml', async () => {
    const dir = home({
      'config.yml': 'alerting:\n  alertmanagerConfig: am.yml\n',
      'am.yml': 'route: { receiver: t }\nreceivers:\n  - name: t\n    webhook_configs: [{ url: https://example.org/hook?token=abc }]\n',
    });
    const report = await run(dir);
    expect(report.problems).toEqual([]);
  });

  it('warns about an integration config Alertmanager would refuse, naming the field', async () => {
    const dir = home({
      'config.yml': 'alerting:\n  alertmanagerConfig: team.yml\n',
      'team.yml': 'route: { receiver: t }\nreceivers:\n  - name: t\n    webhook_configs: [{ url: http://a, url_file: /b }]\n    email_configs: [{ smarthost: a:25 }]\n    slack_configs: [{ api_url: http://a, titel: x }]\n',
    });
    const report = await run(dir);
    expect(report.ok).toBe(true);
    expect(report.problems.map((p) => [p.file, p.severity, p.message])).toEqual([
      [join(dir, 'team.yml'), 'warning', 'receiver "t": webhook_configs[0].(config): at most one of url & url_file must be configured'],
      [join(dir, 'team.yml'), 'warning', 'receiver "t": email_configs[0].to: missing to address in email config'],
      [join(dir, 'team.yml'), 'warning', 'receiver "t": slack_configs[0].(config): Unrecognized key: "titel"'],
    ]);
  });
});
