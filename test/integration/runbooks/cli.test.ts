import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../../preload/contract';
import { createEngine } from '../../../main/core/engine';
import { cli, cliProcess, oncallBin, projectRoot } from '../../support/cli';
import { startSshd, type Sshd } from '../../support/sshd';
import { tempHome } from '../../support/temp-home';
import { fingerprintOf, guidedRunbook, injectionRunbook, trustHost, writeConfig, writeRunbook } from './fixtures';

let sshd: Sshd;
let marker: string;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  sshd = await startSshd();
  marker = mkdtempSync(join(tmpdir(), 'oncall-cli-marker-'));
});
afterAll(async () => {
  await sshd.stop();
  rmSync(marker, { recursive: true, force: true });
});
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  rmSync(join(marker, 'restarted'), { force: true });
});

function home(trusted = true): string {
  const t = tempHome('oncall-cli-run-');
  cleanups.push(t.cleanup);
  writeConfig(t.home, sshd);
  if (trusted) trustHost(t.home, sshd);
  writeRunbook(t.home, 'guided', guidedRunbook(marker));
  return t.home;
}

interface StepLine {
  step: string;
  index: number;
  status: string;
  exitCode: number | null;
  durationMs: number | null;
  reason: string | null;
}

const lines = (stdout: string): StepLine[] =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as StepLine);

const incidentOf = (stderr: string): string => /on incident (\S+)/.exec(stderr)?.[1] ?? '';

async function timeline(dir: string, incidentId: string) {
  const engine = createEngine({ home: dir, resourcesDir: join(projectRoot, 'resources'), ports: { face: 'cli', notify: () => undefined, openExternal: () => Promise.resolve() } });
  try {
    const result = await engine.invoke('incidents:get', { id: incidentId });
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as IncidentDetail).timeline.filter((e) => e.kind === 'runbook_step');
  } finally {
    await engine.close();
  }
}

/**
 * Runs the built CLI in a pseudo-terminal (util-linux `script`) and answers each question when its
 * prompt appears, in order; resolves with everything the terminal showed and the exit code.
 */
function inTerminal(args: string[], dialog: [RegExp, string][]): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, oncallBin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let seen = 0;
  const onData = (d: Buffer) => {
    screen += d.toString('utf8');
    const next = dialog[0];
    if (!next) return;
    const match = next[0].exec(screen.slice(seen));
    if (!match) return;
    seen += match.index + match[0].length;
    dialog.shift();
    child.stdin.write(`${next[1]}\r`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  // A prompt that never comes must fail the test, not leave a CLI waiting for input.
  const guard = setTimeout(() => child.kill('SIGKILL'), 40_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, screen });
    }),
  );
}

describe('oncall runbook list / check', () => {
  it('lists built-in and user runbooks, as text and as JSON', async () => {
    const dir = home();
    const json = await cli(['--home', dir, 'runbook', 'list', '--json']);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as { id: string; source: string; steps: number; broken: boolean; file: string }[];
    expect(rows.find((r) => r.id === 'it-guided')).toMatchObject({ source: 'user', steps: 7, broken: false, file: join(dir, 'runbooks', 'guided.md') });
    expect(rows.find((r) => r.id === 'disk-full')).toMatchObject({ source: 'builtin', broken: false });
    const text = await cli(['--home', dir, 'runbook', 'list']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^it-guided\s+user\s+7 steps {2}Integration guided run$/m);
  });

  it('checks files: problems as file:line: error: field: message, exit 1 if any file has an error', async () => {
    const dir = home();
    const bad = join(dir, 'bad.md');
    writeFileSync(bad, ['---', 'id: bad', 'params:', '  n:', '    type: integr', '---', '# Bad', '', '## One', '', '```sh {host=app timeout=abc}', 'echo hi', '```', ''].join('\n'));
    const good = join(dir, 'runbooks', 'guided.md');
    const failed = await cli(['runbook', 'check', good, bad]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`${bad}:5: error: params.n.type: unknown type "integr"`);
    expect(failed.stderr).toContain(`${bad}:11: error: timeout: not a duration: "abc"`);
    expect(failed.stdout).toContain(`${good}: ok (7 steps, 0 errors, 0 warnings)`);
    expect(failed.stdout).toContain(`${bad}: FAILED`);
    const ok = await cli(['runbook', 'check', good]);
    expect(ok.code).toBe(0);
    const missing = await cli(['runbook', 'check']);
    expect(missing.code).toBe(2);
  });
});

describe('oncall runbook run', () => {
  it('--dry-run --json shows kind, host and the fully rendered command, secrets masked, values quoted', async () => {
    const dir = home();
    writeRunbook(dir, 'injection', injectionRunbook());
    const r = await cli(['--home', dir, 'runbook', 'run', 'it-guided', '--dry-run', '--json', '--param', 'token=s3cr3t-value', '--param', 'service=a b']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { params: Record<string, string>; steps: { id: string; kind: string; host: string | null; command: string; needsConfirmation: boolean }[] };
    expect(doc.params).toEqual({ service: 'a b', token: '***' });
    expect(doc.steps.map((s) => [s.id, s.kind, s.host])).toEqual([
      ['whoami', 'ssh', 'app'],
      ['state', 'ssh', 'app'],
      ['local', 'local', 'local'],
      ['call', 'ssh', 'app'],
      ['restart', 'ssh', 'app'],
      ['cleanup', 'ssh', 'app'],
      ['tell-the-team', 'manual', null],
    ]);
    expect(doc.steps[1]?.command).toBe("echo state of 'a b'");
    expect(doc.steps[3]?.command).toBe('echo calling with ***');
    expect(doc.steps[4]?.needsConfirmation).toBe(true);
    expect(r.stdout).not.toContain('s3cr3t-value');
    const injected = await cli(['--home', dir, 'runbook', 'run', 'it-injection', '--dry-run', '--json', '--param', 'first=x; rm -rf /', '--param', 'second=$(id)']);
    expect((JSON.parse(injected.stdout) as { steps: { command: string }[] }).steps[0]?.command).toBe("printf '<%s>\\n' 'x; rm -rf /' \\$\\(id\\)");
    // Nothing ran: no run and no incident were recorded.
    expect(existsSync(join(marker, 'restarted'))).toBe(false);
  });

  it('--yes --json prints one line per step and refuses the confirm step without --confirm', async () => {
    const dir = home();
    const r = await cli(['--home', dir, 'runbook', 'run', 'it-guided', '--yes', '--json', '--param', 'token=tok-12345']);
    expect(r.code).toBe(1);
    const out = lines(r.stdout);
    expect(out.map((l) => [l.step, l.status, l.exitCode])).toEqual([
      ['whoami', 'passed', 0],
      ['state', 'passed', 0],
      ['local', 'passed', 0],
      ['call', 'passed', 0],
      ['restart', 'refused', null],
    ]);
    for (const l of out.slice(0, 4)) expect(l.durationMs).toBeGreaterThanOrEqual(0);
    expect(out[4]?.reason).toContain('--confirm restart=app');
    expect(existsSync(join(marker, 'restarted'))).toBe(false);
    expect(r.stderr).toMatch(/paused at step 5/);
    const entries = await timeline(dir, incidentOf(r.stderr));
    expect(entries.filter((e) => e.data?.event === 'step_finished').map((e) => e.data?.stepId)).toEqual(['whoami', 'state', 'local', 'call']);
    expect(entries.some((e) => e.data?.event === 'run_paused')).toBe(true);
  });

  it('--confirm with the wrong value is refused; with the host it runs to the end, journaled on the given incident', async () => {
    const dir = home();
    const wrong = await cli(['--home', dir, 'runbook', 'run', 'it-guided', '--yes', '--json', '--param', 'token=tok-12345', '--confirm', 'restart=db']);
    expect(wrong.code).toBe(1);
    expect(lines(wrong.stdout).pop()).toMatchObject({ step: 'restart', status: 'refused', reason: expect.stringContaining('you typed "db"') as string });
    expect(existsSync(join(marker, 'restarted'))).toBe(false);
    const incident = incidentOf(wrong.stderr);

    const r = await cli(['--home', dir, 'runbook', 'run', 'it-guided', '--yes', '--json', '--param', 'token=tok-12345', '--confirm', 'restart=app', '--incident', incident]);
    expect(r.stderr).toContain(`on incident ${incident}`);
    expect(r.code).toBe(0);
    expect(lines(r.stdout).map((l) => [l.step, l.status])).toEqual([
      ['whoami', 'passed'],
      ['state', 'passed'],
      ['local', 'passed'],
      ['call', 'passed'],
      ['restart', 'passed'],
      ['cleanup', 'passed'],
      ['tell-the-team', 'done'],
    ]);
    expect(existsSync(join(marker, 'restarted'))).toBe(true);
    const entries = await timeline(dir, incident);
    expect(entries.filter((e) => e.data?.event === 'step_confirmed').map((e) => e.data?.confirmation)).toEqual(['app']);
    expect(entries.filter((e) => e.data?.event === 'run_finished')).toHaveLength(1);
  });

  it('stops at a failing step with exit 1 and its exit code in the line', async () => {
    const dir = home();
    const r = await cli(['--home', dir, 'runbook', 'run', 'it-guided', '--yes', '--json', '--param', 'token=tok-12345', '--param', 'service=db']);
    expect(r.code).toBe(1);
    expect(lines(r.stdout).map((l) => [l.step, l.status, l.exitCode, l.reason])).toEqual([
      ['whoami', 'passed', 0, null],
      ['state', 'failed', 0, 'the output does not match /^state of api$/'],
    ]);
  });

  it('--yes never trusts an unknown host key', async () => {
    const dir = home(false);
    const r = await cli(['--home', dir, 'runbook', 'run', 'it-guided', '--yes', '--json', '--param', 'token=tok-12345']);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)).toMatchObject([{ step: 'whoami', status: 'error', exitCode: null }]);
    expect(r.stderr).toMatch(/SHA256:\S+/);
    expect(r.stderr).toContain('--yes never trusts a new host key');
  });

  it('asks in a terminal: trusts a host key after showing its fingerprint, asks before each step, takes the typed confirmation and a skip reason', async () => {
    const dir = home(false);
    const fingerprint = fingerprintOf(marker, sshd.hostKeyPublic);
    const { code, screen } = await inTerminal(
      ['--home', dir, 'runbook', 'run', 'it-guided', '--param', 'token=tok-12345'],
      [
        [/Run it\? /, ''],
        [/Trust it and remember it\? \[y\/N\] /, 'y'],
        [/Run it\? /, 'y'],
        [/Run it\? /, 'y'],
        [/Run it\? /, ''],
        [/Type "app" to run it/, 'app'],
        [/Run it\? /, 's'],
        [/Why is it skipped\? /, 'not needed today'],
        [/Mark it done\? /, 'y'],
      ],
    );
    expect(code).toBe(0);
    expect(screen).toContain(fingerprint);
    expect(screen).toContain('restarted api');
    expect(screen).toMatch(/Runbook finished/);
    expect(existsSync(join(marker, 'restarted'))).toBe(true);
    const entries = await timeline(dir, /on incident (\S+)/.exec(screen)?.[1] ?? '');
    expect(entries.filter((e) => e.data?.event === 'step_skipped').map((e) => e.data?.reason)).toEqual(['not needed today']);
    expect(entries.find((e) => e.data?.event === 'step_started')?.data?.fingerprint).toBe(fingerprint);
  });

  it('refuses an --incident that does not exist before running anything', async () => {
    const dir = home();
    const r = await cli(['--home', dir, 'runbook', 'run', 'it-guided', '--yes', '--json', '--param', 'token=tok-12345', '--incident', 'INC-20260101-000000-beef']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/INC-20260101-000000-beef/);
  });

  it('refuses to run interactively without a terminal', async () => {
    const dir = home();
    const r = await cli(['--home', dir, 'runbook', 'run', 'it-guided', '--param', 'token=tok-12345']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pass --yes');
  });

  it('the built binary streams step output and verdicts as text', () => {
    const dir = home();
    const r = cliProcess(['--home', dir, 'runbook', 'run', join(dir, 'runbooks', 'guided.md'), '--yes', '--param', 'token=tok-12345', '--confirm', 'restart=app']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('── step 2/7 "Service state" [ssh @ app]\n    echo state of api\nstate of api\n✓ passed (exit 0');
    expect(r.stdout).toContain('calling with ***\n');
    expect(r.stdout).toMatch(/Runbook finished; every step is on the timeline of INC-/);
  });
});
