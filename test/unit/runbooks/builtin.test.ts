import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resourcesDir } from '../../../main/cli/paths';
import { checkRunbookFile } from '../../../main/core/runbooks/check';
import { loadLibrary, runbookDirs } from '../../../main/core/runbooks/library';
import { formatIssue } from '../../../main/core/runbooks/model';
import { cli } from '../../support/cli';
import { tempHome } from '../../support/temp-home';

const dir = join(resourcesDir, 'runbooks');
const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
const { home, cleanup } = tempHome();
afterAll(cleanup);

// Params without defaults that a dry run of each built-in needs (everything else has a default).
const required: Record<string, string[]> = {
  'rollback-docker-image': ['version=rc-2026-02-28'],
  'rollback-git-deploy': ['version=rc-2026-02-28'],
  'rollback-database': ['restore_to=2026-03-01T09:40:00Z'],
  'post-rollback-checks': ['bad_version=rc-2026-03-01'],
  'database-performance': ['table=public.orders'],
};

interface DryRunStep {
  id: string;
  kind: string;
  host: string | null;
  command: string;
  needsConfirmation: boolean;
  readonly: boolean;
  auto: boolean;
  errors: string[];
}

describe('the built-in runbook library', () => {
  it('holds every runbook the issue and the rule pack ask for', () => {
    const ids = loadLibrary(runbookDirs(resourcesDir, home)).entries.filter((e) => e.source === 'builtin').map((e) => e.id);
    expect(ids.sort()).toEqual(
      [
        'api-5xx-storm',
        'database-performance',
        'frontend-white-page',
        'security-incident',
        'rollback-docker-image',
        'rollback-git-deploy',
        'rollback-database',
        'post-rollback-checks',
        'api-down',
        'database-down',
        'disk-full',
        'slow-api',
        'backup-health-check',
        'incident-response',
      ].sort(),
    );
  });

  it('tags the rollback procedures "rollback"', () => {
    const library = loadLibrary(runbookDirs(resourcesDir, home));
    const rollback = library.entries.filter((e) => e.tags.includes('rollback')).map((e) => e.id);
    expect(rollback.sort()).toEqual(['post-rollback-checks', 'rollback-database', 'rollback-docker-image', 'rollback-git-deploy']);
  });

  it('has the backup check with its 7 checks and the 15-minute start checklist', () => {
    const library = loadLibrary(runbookDirs(resourcesDir, home));
    const backup = library.get('backup-health-check')!.runbook!;
    expect(backup.steps.filter((s) => /^\d\. /.test(s.title)).map((s) => s.id)).toEqual(['cron', 'age', 'script', 'db', 'binlog', 'storage', 'mail']);
    const ir = library.get('incident-response')!.runbook!;
    expect(ir.steps[0]!.title).toBe('First 15 minutes');
    expect(ir.steps[0]!.checks.map((c) => c.text)).toEqual([
      'Incident commander named',
      'Severity set (P1 critical outage or data leak … P4 low)',
      'Incident channel open and linked on the incident',
      'Containment under way (next phase)',
      'Scribe is logging decisions as `[HH:MM] action, expectation, result, next`',
    ]);
  });

  for (const file of files) {
    const id = file.replace(/\.md$/, '');
    describe(file, () => {
      it('checks clean: no errors, no warnings', () => {
        const result = checkRunbookFile(join(dir, file));
        expect(result.issues.map(formatIssue)).toEqual([]);
        expect(result.id).toBe(id);
      });

      it('only automates read-only steps', () => {
        const { runbook } = loadLibrary(runbookDirs(resourcesDir, home)).get(id)!;
        for (const step of runbook!.steps) if (step.auto) expect(step.readonly, step.id).toBe(true);
      });

      it('dry-runs: every step rendered, nothing left unfilled', async () => {
        const params = (required[id] ?? []).flatMap((p) => ['--param', p]);
        const result = await cli(['--home', home, 'runbook', 'run', id, '--dry-run', '--json', ...params]);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const doc = JSON.parse(result.stdout) as { dryRun: boolean; errors: string[]; steps: DryRunStep[]; runbook: { rollback: boolean } };
        expect(doc.dryRun).toBe(true);
        expect(doc.errors).toEqual([]);
        expect(doc.steps.length).toBeGreaterThan(2);
        for (const step of doc.steps) {
          expect(step.errors, step.id).toEqual([]);
          expect(step.command, step.id).not.toMatch(/\{\{\s*[A-Za-z_][\w.]*\s*\}\}/);
          if (step.kind !== 'manual') expect(step.command, step.id).not.toBe('');
          if (step.kind === 'local') expect(step.host).toBe('local');
          if (doc.runbook.rollback && (step.kind === 'ssh' || step.kind === 'local')) expect(step.needsConfirmation, step.id).toBe(true);
        }
      });
    });
  }
});
