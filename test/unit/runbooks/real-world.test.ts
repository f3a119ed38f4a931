// Runbooks as people write them: terminal transcripts, <holes>, Go templates, Runme settings.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { CommandStep, Runbook } from '../../../main/core/runbooks/model';
import { parseRunbook } from '../../../main/core/runbooks/parse';
import { splitTranscript } from '../../../main/core/runbooks/parse/console';
import { renderRunbook } from '../../../main/core/runbooks/render';
import { outcomeOf } from '../../../main/core/runbooks/exec/outcome';

const fence = '```';
function parse(text: string, file = '/rb/notes.md'): Runbook {
  const { runbook, issues } = parseRunbook(text, file);
  const errors = issues.filter((i) => i.severity === 'error');
  if (!runbook || errors.length) throw new Error(`unexpected errors: ${JSON.stringify(errors)}`);
  return runbook;
}
const command = (rb: Runbook, i = 0) => rb.steps[i] as CommandStep;

describe('shell prompts: only prompt lines are commands', () => {
  const block = `## Look\n\n${fence}console\n$ kubectl get pods -n monitoring \\\n    -o wide\nNAME     READY   STATUS\nprom-0   2/2     Running\n$ cat <<EOF | kubectl apply -f -\nkind: ConfigMap\nEOF\nconfigmap/x created\n% uptime\n 10:00 up 3 days\n${fence}\n`;

  it('strips the prompt, keeps continuations and here-document bodies, and sets the printed lines aside', () => {
    const step = command(parse(block));
    expect(step.command).toBe('kubectl get pods -n monitoring \\\n    -o wide\ncat <<EOF | kubectl apply -f -\nkind: ConfigMap\nEOF\nuptime');
    expect(step.expectedOutput).toBe('NAME     READY   STATUS\nprom-0   2/2     Running\nconfigmap/x created\n 10:00 up 3 days');
  });

  it('what remains is a script the shell accepts, and no output line runs', () => {
    const step = command(parse(block));
    // `sh -n` parses without running: a printed line such as "prom-0 2/2 Running" would still parse,
    // so check line by line that none of them is among the commands.
    execFileSync('/bin/sh', ['-n', '-c', step.command]);
    for (const line of (step.expectedOutput ?? '').split('\n')) expect(step.command.split('\n')).not.toContain(line);
  });

  it('a console block without any prompt is output, not a step; a sh block without prompts runs whole', () => {
    const rb = parse(`## Before\n\n${fence}console\nNAME   READY\nx      1/1\n${fence}\n\n- [ ] looked\n\n## Run\n\n${fence}sh\necho one\necho two\n${fence}\n`);
    expect(rb.steps.map((s) => s.kind)).toEqual(['manual', 'ssh']);
    expect(rb.steps[0]?.description).toContain('x      1/1');
    expect(command(rb, 1).command).toBe('echo one\necho two');
    expect(command(rb, 1).expectedOutput).toBeUndefined();
  });

  it('a continued line ending in an escaped backslash does not continue', () => {
    expect(splitTranscript('$ echo a\\\\\nb')).toEqual({ command: 'echo a\\\\', output: 'b' });
  });
});

describe('<holes> are params, never redirections', () => {
  const rb = parse(`## Pods\n\n${fence}sh\n$ kubectl -n <namespace> logs <pod-name> --since=<value of instance label from alert>\n${fence}\n`);

  it('each hole becomes a param asked for, not an error of the dry run', () => {
    expect(command(rb).command).toBe('kubectl -n {{namespace}} logs {{pod_name}} --since={{instance}}');
    expect(rb.params.map((p) => [p.name, p.implicit, p.required])).toEqual([
      ['namespace', 'hole', true],
      ['pod_name', 'hole', true],
      ['instance', 'hole', true],
    ]);
    const { params, steps } = renderRunbook(rb);
    expect(params.errors).toEqual([]);
    expect(steps[0]?.errors).toEqual([]);
    expect(steps[0]?.asks.map((a) => a.name)).toEqual(['namespace', 'pod_name', 'instance']);
  });

  it('filled from the alert labels and --param, quoted for the shell', () => {
    const { steps } = renderRunbook(rb, { params: { pod_name: 'a b;id' }, labels: { alertname: 'X', namespace: 'mon', instance: 'web-1' } });
    expect((steps[0]?.step as CommandStep).command).toBe(`kubectl -n mon logs 'a b;id' --since=web-1`);
    expect(steps[0]?.asks).toEqual([]);
  });

  it('leaves here-document openers, here-strings and redirections alone', () => {
    const step = command(parse(`## A\n\n${fence}sh\ncat <<EOF >/tmp/x\nhi\nEOF\ngrep a <<< "$v" 2>&1 < /etc/hosts\n${fence}\n`));
    expect(step.command).toBe('cat <<EOF >/tmp/x\nhi\nEOF\ngrep a <<< "$v" 2>&1 < /etc/hosts');
  });
});

describe('{{ that is no param stays literal', () => {
  it('a kubectl Go template reaches the command as written', () => {
    const rb = parse(`## A\n\n${fence}sh\nkubectl get pods --template='{{range .items}}{{.metadata.name}}{{end}}' {{ nothing }}\n${fence}\n`);
    const { steps } = renderRunbook(rb);
    expect(steps[0]?.errors).toEqual([]);
    expect((steps[0]?.step as CommandStep).command).toBe(`kubectl get pods --template='{{range .items}}{{.metadata.name}}{{end}}' {{ nothing }}`);
  });

  it('{{"{{"}} writes a literal {{ even next to a param name', () => {
    const rb = parse(`---\nparams:\n  who: { default: me }\n---\n## A\n\n${fence}sh\necho '{{"{{"}}who{{"}}"}}' {{who}}\n${fence}\n`);
    expect((renderRunbook(rb).steps[0]?.step as CommandStep).command).toBe(`echo '{{who}}' me`);
  });

  it('an undeclared name is filled from an alert label of that name, never {{end}}', () => {
    const rb = parse(`## A\n\n${fence}sh\necho {{instance}} {{end}}\n${fence}\n`);
    expect((renderRunbook(rb, { labels: { instance: 'h1', end: 'x' } }).steps[0]?.step as CommandStep).command).toBe('echo h1 {{end}}');
  });
});

describe("Runme's document and cell settings", () => {
  it('cwd (relative to the file for local steps), shell and name are honoured', () => {
    const rb = parse(`---\nshell: bash\ncwd: ..\n---\n## A\n\n${fence}sh {"name":"build","cwd":"sub","host":"local"}\necho hi\n${fence}\n\n## B\n\n${fence}sh {host=local}\npwd\n${fence}\n`, '/srv/docs/guide/notes.md');
    expect([rb.steps[0]?.id, command(rb, 0).cwd, command(rb, 0).shell]).toEqual(['build', '/srv/docs/guide/sub', 'bash']);
    expect(command(rb, 1).cwd).toBe('/srv/docs');
  });

  it('background and interactive cells are refused with the reason, as manual steps, and the file still checks', () => {
    const { runbook, issues } = parseRunbook(`## Serve\n\n${fence}sh {"background":"true"}\nnpm run dev\n${fence}\n\n## Ask\n\n${fence}sh {interactive=true}\nread x\n${fence}\n`, '/rb/x.md');
    expect(runbook?.steps.map((s) => s.kind)).toEqual(['manual', 'manual']);
    expect(runbook?.steps[0]?.description).toMatch(/background[\s\S]*npm run dev/);
    expect(runbook?.steps[1]?.description).toMatch(/terminal you type into/);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(issues.map((i) => i.field)).toEqual(['background', 'interactive']);
  });

  it('promptEnv: export lines are asked for (their value the default) unless never/skipPrompts', () => {
    const rb = parse(`## A\n\n${fence}sh\nexport REGION="eu-west-1"\nexport PROJECT=Enter a project id\nexport ENV="<insert-env>"\nexport NOW=$(date)\necho $REGION\n${fence}\n\n## B\n\n${fence}sh {"promptEnv":"never"}\nexport KEEP=1\n${fence}\n`);
    expect(command(rb).command).toBe('export REGION={{REGION}}\nexport PROJECT={{PROJECT}}\nexport ENV={{ENV}}\nexport NOW=$(date)\necho $REGION');
    expect(rb.params.map((p) => [p.name, p.default ?? null, p.description ?? null])).toEqual([
      ['REGION', 'eu-west-1', null],
      ['PROJECT', null, 'Enter a project id'],
      ['ENV', null, 'insert-env'],
    ]);
    expect(command(rb, 1).command).toBe('export KEEP=1');
    expect((renderRunbook(rb).steps[0]?.step as CommandStep).command).toContain("export REGION=eu-west-1\nexport PROJECT={{PROJECT}}");
  });

  it('ignore=true leaves a block out; excludeFromRunAll is kept for runs that go through every step', () => {
    const rb = parse(`## A\n\n${fence}sh {ignore=true}\nrm -rf /\n${fence}\n\n${fence}sh {excludeFromRunAll=true}\necho x\n${fence}\n`);
    expect(rb.steps).toHaveLength(1);
    expect(rb.steps[0]?.attributes.excludeFromRunAll).toBe('true');
  });

  it('a prose-only file is one manual step; steps without a heading are titled by the # title or the file name', () => {
    const prose = parse('# How we page\n\nCall the on-call lead, then the IC.\n');
    expect(prose.steps.map((s) => [s.kind, s.title])).toEqual([['manual', 'How we page']]);
    const bare = parse(`${fence}sh\nuptime\n${fence}\n`, '/rb/disk-check.md');
    expect(bare.steps.map((s) => s.title)).toEqual(['disk check']);
  });

  it('--host local runs a step that names no host on this machine', () => {
    const rb = parse(`## A\n\n${fence}sh\nuptime\n${fence}\n`);
    const { steps } = renderRunbook(rb, { host: 'local' });
    expect([steps[0]?.step.kind, steps[0]?.host]).toEqual(['local', undefined]);
  });
});

describe('params from the alert that started the run', () => {
  const rb = parse(`---\nparams:\n  url:\n    default: http://localhost:8080/health\n    from: [annotations.url, labels.instance]\n  node: { type: host, default: db-1 }\n  service: { default: api }\n---\n## Health\n\n${fence}http\nGET {{url}}\n${fence}\n\n## Node\n\n${fence}sh {host={{node}}}\nsystemctl status {{service}}\n${fence}\n`);

  it('a from: source fills the param, the first one the alert carries', () => {
    const byAnnotation = renderRunbook(rb, { labels: { alertname: 'TargetDown', 'annotations.url': 'http://demo:9/ready', instance: 'demo:9' } });
    expect((byAnnotation.steps[0]?.step as { url: string }).url).toBe('http://demo:9/ready');
    const byLabel = renderRunbook(rb, { labels: { alertname: 'TargetDown', instance: 'demo:9' } });
    expect((byLabel.steps[0]?.step as { url: string }).url).toBe('demo:9');
  });

  it('in an alert run, an unfilled from: param or a host/URL default is never used: the step waits', () => {
    const { params, steps } = renderRunbook(rb, { labels: { alertname: 'Other' } });
    expect(params.errors).toEqual([]);
    expect([...params.missing.keys()]).toEqual(['url', 'node']);
    expect(steps.map((s) => s.asks.map((a) => a.name))).toEqual([['url'], ['node']]);
    // A default that names no place still applies.
    expect(params.values.get('service')).toBe('api');
  });

  it('without an alert (a run started by hand) the defaults apply', () => {
    const { params, steps } = renderRunbook(rb);
    expect([params.values.get('url'), params.values.get('node')]).toEqual(['http://localhost:8080/health', 'db-1']);
    expect(steps.flatMap((s) => s.asks)).toEqual([]);
  });

  it('from: takes only labels.NAME or annotations.NAME', () => {
    const { issues } = parseRunbook(`---\nparams:\n  x: { from: instance }\n---\n## A\n\n- [ ] x\n`, '/rb/x.md');
    expect(issues.map((i) => `${i.line}: ${i.field}`)).toEqual(['3: params.x.from']);
  });
});

describe('what the journal says a check ended with', () => {
  it('exit codes for commands, HTTP status and result counts for checks', () => {
    expect([outcomeOf('ssh', 3), outcomeOf('local', 0), outcomeOf('http', 503), outcomeOf('promql', 1), outcomeOf('promql', 4), outcomeOf('http', null), outcomeOf('wait', 0)]).toEqual(['exit 3', 'exit 0', 'HTTP 503', '1 result', '4 results', null, null]);
  });
});

describe('placeholders inside backticks', () => {
  const rb = parse(`---\nparams:\n  v: { default: x }\n---\n## A\n\n${fence}sh {host=local}\necho \`echo "{{v}}"\`\n${fence}\n`);
  it('a plain value goes in and runs; anything needing quotes is refused', () => {
    const plain = renderRunbook(rb, { params: { v: 'ns-1.a' } }).steps[0];
    expect(plain?.errors).toEqual([]);
    expect(execFileSync('/bin/sh', ['-c', (plain?.step as CommandStep).command], { encoding: 'utf8' })).toBe('ns-1.a\n');
    for (const hostile of ['$(id)', '`id`', 'a"b', 'a b', '\\`id\\`']) {
      expect(renderRunbook(rb, { params: { v: hostile } }).steps[0]?.errors.join('')).toMatch(/backticks/);
    }
  });
});

describe('holes inside here-documents', () => {
  it('stay as written (data, not shell syntax) while holes on the command line become params', () => {
    const rb = parse(`## A\n\n${fence}sh\nkubectl -n <namespace> apply -f - <<EOF\nname: <name>\nEOF\necho <after>\n${fence}\n`);
    expect(command(rb).command).toBe('kubectl -n {{namespace}} apply -f - <<EOF\nname: <name>\nEOF\necho {{after}}');
    expect(rb.params.map((p) => p.name)).toEqual(['namespace', 'after']);
  });
});
