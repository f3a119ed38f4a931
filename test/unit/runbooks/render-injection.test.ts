import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../main/core/runbooks/parse';
import { renderRunbook } from '../../../main/core/runbooks/render';
import { findShellSlots } from '../../../main/core/runbooks/render/shell';

const hostile = [
  'x; rm -rf /',
  '$(id)',
  '`id`',
  `it's "quoted" $HOME`,
  "a'b!c",
  'two\nlines',
  '',
  '--help',
  '*',
  '\\',
  '${PATH}',
  '|| touch /tmp/pwned &&',
  "'; echo pwned; '",
  '"; echo pwned; "',
];

function runbookWith(command: string): string {
  return `---\nparams:\n  v: { type: string, default: "" }\n---\n## Step\n\n\`\`\`sh {host=local}\n${command}\n\`\`\`\n`;
}

function renderWith(command: string, value: string): string {
  const { runbook, issues } = parseRunbook(runbookWith(command), '/tmp/inj.md');
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  const { steps } = renderRunbook(runbook!, { params: { v: value } });
  const step = steps[0]!;
  expect(step.errors).toEqual([]);
  if (step.step.kind !== 'local') throw new Error('expected a local step');
  return step.step.command;
}

// Runs the rendered script in a real /bin/sh and reports what it printed.
function sh(script: string): string {
  return execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' } });
}

describe('parameter values reach the shell as one literal argument', () => {
  const templates: [string, string][] = [
    ['bare word', `set -- {{v}}; printf '%s|' "$#"; printf '%s' "$1"`],
    ['inside double quotes', `set -- "pre-{{v}}-post"; printf '%s|' "$#"; printf '%s' "$1"`],
    ['inside single quotes', `set -- 'pre-{{v}}-post'; printf '%s|' "$#"; printf '%s' "$1"`],
    ['inside $( ) inside double quotes', `out="$(printf '%s' {{v}})"; set -- "$out"; printf '%s|' "$#"; printf '%s' "$1"`],
    ['after a comment line', `# check {{v}}\nset -- {{v}}; printf '%s|' "$#"; printf '%s' "$1"`],
  ];
  for (const [where, template] of templates) {
    for (const value of hostile) {
      it(`${where}: ${JSON.stringify(value)}`, () => {
        const script = renderWith(template, value);
        const expected = where.startsWith('inside double') || where.startsWith('inside single') ? `pre-${value}-post` : value;
        expect(sh(script)).toBe(`1|${expected}`);
      });
    }
  }

  it('the quoting context tracker sees double, single and plain spots', () => {
    const slots = findShellSlots(`a {{p}} "b {{d}} $(c {{s}})" 'e {{q}}' <<EOF\n{{h}}\nEOF\n{{after}}`);
    expect(slots.map((s) => `${s.name}:${s.context}`)).toEqual(['p:plain', 'd:double', 's:plain', 'q:single', 'h:heredoc', 'after:plain']);
  });

  it('refuses placeholders in here-documents and backticks instead of guessing', () => {
    const { runbook } = parseRunbook(runbookWith('cat <<EOF\n{{v}}\nEOF\necho `echo {{v}}`'), '/tmp/inj.md');
    const step = renderRunbook(runbook!, { params: { v: '$(id)' } }).steps[0]!;
    expect(step.errors.join('\n')).toMatch(/here-document/);
    expect(step.errors.join('\n')).toMatch(/backticks/);
  });
});

describe('validation before substitution', () => {
  const text = `---\nparams:\n  service: { type: string, pattern: '[a-z][a-z0-9-]*' }\n  count: { type: integer, default: 5 }\n  token: { type: string, secret: true }\n---\n## Restart\n\n\`\`\`sh {host=api-1}\nsystemctl restart {{service}} && curl -H "Authorization: Bearer {{token}}" -n {{count}}\n\`\`\`\n`;

  it('rejects a value that does not match the pattern, naming the param', () => {
    const { runbook } = parseRunbook(text, '/tmp/v.md');
    const { params } = renderRunbook(runbook!, { params: { service: 'api; rm -rf /', token: 't' } });
    expect(params.errors).toEqual([expect.stringMatching(/^service: .* does not match the pattern/)]);
  });

  it('rejects a non-integer for an integer param and unknown params', () => {
    const { runbook } = parseRunbook(text, '/tmp/v.md');
    const { params } = renderRunbook(runbook!, { params: { service: 'api', token: 't', count: '5 ; id', nope: '1' } });
    expect(params.errors).toContainEqual(expect.stringMatching(/^count: .*not an integer/));
    expect(params.errors).toContainEqual(expect.stringMatching(/^nope: not a param/));
  });

  it('masks secrets as *** in the display form and the summary but runs the real value', () => {
    const { runbook } = parseRunbook(text, '/tmp/v.md');
    const { steps, params } = renderRunbook(runbook!, { params: { service: 'api', token: 's3cr3t value' } });
    expect(params.errors).toEqual([]);
    const step = steps[0]!;
    expect(step.summary).toContain('Bearer ***');
    expect(JSON.stringify(step.display)).not.toContain('s3cr3t');
    expect(step.step.kind === 'ssh' && step.step.command).toContain(`"Authorization: Bearer "'s3cr3t value'""`);
  });

  it('does not echo a bad secret value in the error', () => {
    const secretText = text.replace("token: { type: string, secret: true }", "token: { type: string, secret: true, pattern: '[a-f0-9]+' }");
    const { runbook } = parseRunbook(secretText, '/tmp/v.md');
    const { params } = renderRunbook(runbook!, { params: { service: 'api', token: 'hunter2' } });
    expect(params.errors.join('\n')).not.toContain('hunter2');
  });
});
