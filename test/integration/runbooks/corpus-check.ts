// The public runbook corpus through the CLI (`runbook check`, `runbook run --dry-run --json`), in
// this process. Split over two test files (even and odd positions) so vitest runs them side by side.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../support/cli';
import { runbooksCorpusDir, runbooksCorpusFiles } from '../../support/corpus';
import { tempHome } from '../../support/temp-home';
import { transcriptLines } from './corpus-markdown';

interface DryStep {
  kind: string;
  command: string;
  errors: string[];
  title: string;
}

/** compare.sh's notion of an unfilled hole: `<name>` after a blank, `=` or a quote. */
const hole = /(^|[\s='"])<[A-Za-z][A-Za-z0-9_. -]*>/;
const prompt = /^\s*[$%] /;

export function corpusSuite(part: 0 | 1): void {
  const files = runbooksCorpusFiles();
  const mine = files.filter((_f, i) => i % 2 === part);
  const t = tempHome('oncall-corpus-');
  afterAll(() => t.cleanup());

  describe(`public runbook corpus, part ${part + 1} of 2 (${mine.length} of ${files.length} files)`, () => {
    it('has all 119 files, with the transcripts this suite is about', () => {
      expect(files).toHaveLength(119);
      // The scanner must see what the issue counted (258 prompt commands, output in 16 files), or the
      // per-file assertions below would pass vacuously.
      const scans = files.map((f) => transcriptLines(readFileSync(f, 'utf8')));
      expect(scans.reduce((n, s) => n + s.prompts, 0)).toBeGreaterThanOrEqual(258);
      expect(scans.filter((s) => s.output.length > 0).length).toBeGreaterThanOrEqual(16);
    });

    it('every file checks cleanly (oncall runbook check)', async () => {
      const result = await cli(['--home', t.home, 'runbook', 'check', '--json', ...mine]);
      const report = JSON.parse(result.stdout) as { ok: boolean; files: { file: string; ok: boolean; issues: { severity: string; line: number; message: string }[] }[] };
      const failing = report.files.filter((f) => !f.ok).map((f) => `${relative(runbooksCorpusDir, f.file)}: ${f.issues.filter((i) => i.severity === 'error').map((i) => `${i.line}: ${i.message}`).join('; ')}`);
      expect(failing).toEqual([]);
      expect(result.code).toBe(0);
    });

    for (const file of mine) {
      const name = relative(runbooksCorpusDir, file);
      it(`${name}: dry-runs cleanly, no prompt, no printed output and no bare <hole> among its commands`, async () => {
        const result = await cli(['--home', t.home, 'runbook', 'run', file, '--dry-run', '--json']);
        expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
        const doc = JSON.parse(result.stdout) as { errors: string[]; steps: DryStep[] };
        expect(doc.errors).toEqual([]);
        expect(doc.steps.flatMap((s) => s.errors.map((e) => `${s.title}: ${e}`))).toEqual([]);
        expect(result.code).toBe(0);
        const commands = doc.steps.filter((s) => s.kind !== 'manual');
        const commandLines = new Set(commands.flatMap((s) => s.command.split('\n').map((l) => l.trim())));
        expect(commands.flatMap((s) => s.command.split('\n')).filter((l) => prompt.test(l))).toEqual([]);
        // Printed lines read from the Markdown itself (not through the parser under test).
        const printed = transcriptLines(readFileSync(file, 'utf8')).output.filter((l) => l.length >= 3 && /[A-Za-z0-9]/.test(l));
        expect(printed.filter((l) => commandLines.has(l))).toEqual([]);
        expect(commands.filter((s) => hole.test(s.command)).map((s) => s.command)).toEqual([]);
      });
    }
  });
}
