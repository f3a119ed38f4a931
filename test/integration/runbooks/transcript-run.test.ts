// A real local run of a runbook written as people write them: printed output after a `$ ` prompt is
// never executed, a <hole> is filled from --param, excludeFromRunAll keeps a step out of --yes,
// and `--host local` runs host-less steps on this machine.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../../support/cli';
import { tempHome } from '../../support/temp-home';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('runbook run --yes --host local on a transcript-style runbook', () => {
  it('runs only the prompt lines, fills the hole and skips the excluded step', async () => {
    const t = tempHome();
    cleanups.push(t.cleanup);
    const printed = join(t.home, 'printed-line-ran');
    const excluded = join(t.home, 'excluded-step-ran');
    const file = join(t.home, 'transcript.md');
    const fence = '```';
    writeFileSync(
      file,
      `# Transcript\n\n## Greet\n\n${fence}console\n$ echo "hello <who>"\nhello world\ntouch ${printed}\n${fence}\n\n## Not in run-all\n\n${fence}sh {"excludeFromRunAll":"true"}\ntouch ${excluded}\n${fence}\n`,
    );
    const r = await cli(['--home', t.home, 'runbook', 'run', file, '--yes', '--host', 'local', '--param', 'who=world']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hello world');
    // The second step is the excluded one: --yes records it as skipped (its reason is on the timeline).
    expect(r.stdout).toMatch(/passed \(exit 0[^\n]*\n✓ skipped/);
    expect(existsSync(printed)).toBe(false);
    expect(existsSync(excluded)).toBe(false);
  });

  it('without a value for the hole the step waits for a human instead of running', async () => {
    const t = tempHome();
    cleanups.push(t.cleanup);
    const file = join(t.home, 'hole.md');
    writeFileSync(file, '## Look\n\n```sh\nkubectl -n <namespace> get pods\n```\n');
    const r = await cli(['--home', t.home, 'runbook', 'run', file, '--yes', '--host', 'local']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/waits for a value for namespace/);
  });
});
