import { describe, expect, it } from 'vitest';
import { formatIssue, needsConfirmation, type Step } from '../../../main/core/runbooks/model';
import { parseRunbook } from '../../../main/core/runbooks/parse';
import { parseInfoString } from '../../../main/core/runbooks/parse/info-string';

const full = `---
id: api-down
title: API is down
severity: p1
hosts: [api-1, api-2]
tags: [api, rollback]
alerts: APIDown
params:
  service: { type: string, default: api, pattern: '[a-z-]+' }
  version: { description: the tag to go back to }
  mode: { type: enum, values: [fast, safe], default: safe }
  token: { type: string, secret: true, required: false }
---
# API down

Read this first.

## Check health

\`\`\`http {name=health expect_status=200,204 max_latency=500ms expect_body="ok" readonly=true auto=true}
POST https://api.example.com/health
Content-Type: application/json

{"deep": true}
\`\`\`

## Restart the service

Careful: this drops connections.

\`\`\`sh {host=api-prod timeout=30s confirm=true expect_exit=0 expect_output="active \\(running\\)"}
systemctl restart {{service}}
systemctl status {{service}}
\`\`\`

- [ ] tell the channel
- [x] already done

## Error ratio

\`\`\`promql {expect="value < 0.01" source=main}
sum(rate(errors[5m]))
\`\`\`

## Wait for health

\`\`\`wait {step=health interval=5s timeout=2m}
\`\`\`

## Local look

\`\`\`bash {local=true}
date
\`\`\`

\`\`\`sql {interpreter="psql -X -d app" readonly=true}
SELECT 1;
\`\`\`

## Talk to people

- [ ] status page updated
`;

const kinds = (steps: Step[]) => steps.map((s) => `${s.id}:${s.kind}`);

describe('parseRunbook: the documented format', () => {
  const { runbook, issues } = parseRunbook(full, '/rb/api-down.md');

  it('reads the front matter', () => {
    expect(issues).toEqual([]);
    expect(runbook).toMatchObject({ id: 'api-down', title: 'API is down', severity: 'P1', hosts: ['api-1', 'api-2'], tags: ['api', 'rollback'], alerts: ['APIDown'], rollback: true, description: 'Read this first.' });
    expect(runbook!.params).toEqual([
      { name: 'service', type: 'string', default: 'api', pattern: '[a-z-]+', required: false, secret: false, line: 9 },
      { name: 'version', type: 'string', description: 'the tag to go back to', required: true, secret: false, line: 10 },
      { name: 'mode', type: 'enum', values: ['fast', 'safe'], default: 'safe', required: false, secret: false, line: 11 },
      { name: 'token', type: 'string', required: false, secret: true, line: 12 },
    ]);
  });

  it('makes one step per heading, one per command block, with kinds and ids', () => {
    expect(kinds(runbook!.steps)).toEqual(['health:http', 'restart-the-service:ssh', 'error-ratio:promql', 'wait-for-health:wait', 'local-look:local', 'local-look-2:ssh', 'talk-to-people:manual']);
    expect(runbook!.steps.map((s) => s.title)).toEqual(['Check health', 'Restart the service', 'Error ratio', 'Wait for health', 'Local look (1/2)', 'Local look (2/2)', 'Talk to people']);
    expect(runbook!.steps.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('reads info-string attributes into typed fields with file line numbers', () => {
    const [http, ssh, promql, wait, local, sql, manual] = runbook!.steps;
    expect(http).toMatchObject({ kind: 'http', method: 'POST', url: 'https://api.example.com/health', headers: { 'Content-Type': 'application/json' }, body: '{"deep": true}', expectStatus: [200, 204], maxLatencyMs: 500, expectBody: 'ok', readonly: true, auto: true, line: 18, blockLine: 20 });
    expect(ssh).toMatchObject({ kind: 'ssh', host: 'api-prod', timeoutMs: 30_000, confirm: true, expectExit: [0], expectOutput: 'active \\(running\\)', command: 'systemctl restart {{service}}\nsystemctl status {{service}}', description: 'Careful: this drops connections.', line: 27, blockLine: 31 });
    expect(ssh!.checks).toEqual([
      { text: 'tell the channel', checked: false, line: 36 },
      { text: 'already done', checked: true, line: 37 },
    ]);
    expect(promql).toMatchObject({ kind: 'promql', query: 'sum(rate(errors[5m]))', expect: { op: '<', threshold: 0.01 }, source: 'main', emptyOk: false });
    expect(wait).toMatchObject({ kind: 'wait', target: 'health', intervalMs: 5000, timeoutMs: 120_000 });
    expect(local).toMatchObject({ kind: 'local', command: 'date', language: 'bash' });
    expect(sql).toMatchObject({ kind: 'ssh', interpreter: 'psql -X -d app', language: 'sql', readonly: true });
    expect(sql).not.toHaveProperty('host');
    expect(manual).toMatchObject({ kind: 'manual', checks: [{ text: 'status page updated', checked: false, line: 62 }] });
  });

  it('asks for confirmation on confirm=true and on changing steps of a rollback runbook', () => {
    const confirmations = runbook!.steps.map((s) => needsConfirmation(runbook!, s));
    // POST http changes things; promql, wait and manual cannot.
    expect(confirmations).toEqual([true, true, false, false, true, true, false]);
    expect(needsConfirmation({ rollback: false }, runbook!.steps[4]!)).toBe(false);
  });
});

describe('parseRunbook: plain Markdown still works', () => {
  it('turns code blocks without attributes into commands whose host is asked for', () => {
    const { runbook, issues } = parseRunbook('# Disk\n\n## Look\n\n```bash\ndf -h\n```\n\n## Note\n\nJust text.\n\n```yaml\nnot: a command\n```\n', '/rb/disk.md');
    expect(issues).toEqual([]);
    expect(runbook!.id).toBe('disk');
    expect(runbook!.title).toBe('Disk');
    expect(runbook!.steps).toMatchObject([
      { kind: 'ssh', command: 'df -h', title: 'Look' },
      { kind: 'manual', title: 'Note', description: 'Just text.\n\n```yaml\nnot: a command\n```' },
    ]);
    expect(runbook!.steps[0]).not.toHaveProperty('host');
  });

  it('uses top-level numbered items as steps when there are no ## headings', () => {
    const text = '# Restart\n\n1. Look at the service\n   ```sh\n   systemctl status api\n   ```\n2. Restart it\n   ```sh {confirm=true}\n   systemctl restart api\n   ```\n3. Tell people\n   - [ ] posted\n';
    const { runbook, issues } = parseRunbook(text, '/rb/restart.md');
    expect(issues).toEqual([]);
    expect(runbook!.steps.map((s) => [s.title, s.kind, s.line])).toEqual([
      ['Look at the service', 'ssh', 3],
      ['Restart it', 'ssh', 7],
      ['Tell people', 'manual', 11],
    ]);
    expect(runbook!.steps[1]).toMatchObject({ command: 'systemctl restart api', confirm: true });
    expect(runbook!.steps[2]!.checks).toEqual([{ text: 'posted', checked: false, line: 12 }]);
  });

  it('titles several blocks of a section by their list items', () => {
    const text = '## Diagnose\n\n1. Status\n   ```sh\n   uptime\n   ```\n2. Logs\n   ```sh\n   journalctl -n 5\n   ```\n';
    const { runbook } = parseRunbook(text, '/rb/d.md');
    expect(runbook!.steps.map((s) => [s.id, s.title, s.section])).toEqual([
      ['status', 'Status', 'Diagnose'],
      ['logs', 'Logs', 'Diagnose'],
    ]);
  });

  it('a file without headings or lists is one step', () => {
    const { runbook } = parseRunbook('Run this:\n\n```sh\nuptime\n```\n', '/rb/one.md');
    expect(runbook!.steps).toMatchObject([{ kind: 'ssh', command: 'uptime' }]);
  });
});

describe('parseRunbook: errors name file:line and the field', () => {
  const lines = (text: string) => parseRunbook(text, '/rb/x.md').issues.map(formatIssue);

  it('broken YAML front matter', () => {
    expect(lines('---\nid: x\ntags: [a\n---\n## S\n')).toEqual([expect.stringMatching(/^\/rb\/x\.md:[34]: error: front matter: /)]);
  });

  it('bad front matter values', () => {
    expect(lines('---\nid: Bad Id\nseverity: P7\nparams:\n  n: { type: float }\n  9x: {}\n  p: { pattern: "(" }\n---\n## S\n')).toEqual([
      '/rb/x.md:2: error: id: use lower-case letters, digits, "-", "_" or "." (it is matched against runbook_url)',
      '/rb/x.md:3: error: severity: expected P1, P2, P3 or P4',
      '/rb/x.md:5: error: params.n.type: unknown type "float" (use string, integer, number, boolean, enum, duration, host)',
      '/rb/x.md:6: error: params.9x: a param name uses letters, digits and "_" and does not start with a digit',
      expect.stringMatching(/^\/rb\/x\.md:7: error: params\.p\.pattern: not a valid regular expression/),
    ]);
  });

  it('bad attributes on a block', () => {
    const text = '## S\n\n```sh {timeout=soon expect_exit=ok confirm=maybe auto=true colour=red}\nls\n```\n';
    expect(lines(text)).toEqual([
      '/rb/x.md:3: error: confirm: expected true or false, not "maybe"',
      '/rb/x.md:3: error: timeout: not a duration: "soon" (use e.g. 30s, 5m, 1h30m)',
      '/rb/x.md:3: error: auto: auto=true needs readonly=true: nothing that changes a system runs without a click',
      '/rb/x.md:3: warning: colour: unknown attribute for a sh block (ignored)',
      '/rb/x.md:3: error: expect_exit: expected a number or a comma-separated list of numbers, not "ok"',
    ]);
  });

  it('a wait that names no step, an unknown step or a manual one', () => {
    const text = '## A\n\n- [ ] x\n\n## B\n\n```wait {step=nope}\n```\n\n## C\n\n```wait {step=a}\n```\n\n## D\n\n```wait\n```\n';
    expect(lines(text)).toEqual([
      expect.stringMatching(/^\/rb\/x\.md:7: error: step: no step named "nope"/),
      '/rb/x.md:12: error: step: "a" is a manual step; a wait polls a command, http or promql step',
      '/rb/x.md:17: error: step: a wait block names the step it polls: {step=NAME}',
    ]);
  });

  it('duplicate names, a bad promql condition, an http block without URL, an undeclared placeholder', () => {
    const text = '## A\n\n```sh {name=x}\necho {{who}}\n```\n\n## B\n\n```promql {name=x expect="about 3"}\nup\n```\n\n## C\n\n```http\n\n```\n';
    expect(lines(text)).toEqual([
      "/rb/x.md:3: warning: {{who}}: not a declared param: filled from the alert's label of that name when it has one, else kept as written (declare it under params: to have it asked for)",
      '/rb/x.md:7: error: name: two steps are named "x"',
      '/rb/x.md:9: error: expect: expected "value OP NUMBER" with OP one of < <= > >= == !=, not "about 3"',
      '/rb/x.md:16: error: request: an http block starts with "METHOD URL" (e.g. GET https://api.example.com/health)',
    ]);
  });

  it('a file with no steps', () => {
    expect(lines('')).toEqual(['/rb/x.md:1: error: no steps: add "##" headings or a numbered list']);
  });
});

describe('info strings (Runme conventions)', () => {
  it('reads key=value, quoted values, bare flags and the JSON form', () => {
    expect(parseInfoString('sh {host=api-prod timeout=30s confirm expect_output="active \\(running\\) \\"x\\"" name=\'a b\'}')).toEqual({
      language: 'sh',
      attributes: { host: 'api-prod', timeout: '30s', confirm: 'true', expect_output: 'active \\(running\\) "x"', name: 'a b' },
      errors: [],
    });
    expect(parseInfoString('bash { "name": "restart", "interactive": false }')).toEqual({ language: 'bash', attributes: { name: 'restart', interactive: 'false' }, errors: [] });
    expect(parseInfoString('SH')).toEqual({ language: 'sh', attributes: {}, errors: [] });
    expect(parseInfoString('sh {name="x}').errors).toEqual(['name: the quoted value is not closed']);
    expect(parseInfoString('sh {name=x').errors).toEqual(['attributes must be closed with "}"']);
  });
});
