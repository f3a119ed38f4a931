import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAlertmanagerText } from '../../../main/core/alerts/am/load';
import { parseConfigText } from '../../../main/core/composed-config';
import { amtool, mapLimit } from '../../support/amtool';
import { cli } from '../../support/cli';
import { amCorpusConfigs, amCorpusTree } from '../../support/corpus';
import { invalidConfigs, validConfigs } from './invalid-configs';

/**
 * `oncall alerts routes` against `amtool config routes` on every corpus config, and the console's
 * validation against `amtool check-config` on hand-written invalid and valid files.
 */

const dir = mkdtempSync(join(tmpdir(), 'oncall-amtool-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** amtool check-config's reason: `Checking 'F'  FAILED: <reason>`. */
function failedReason(stdout: string): string {
  return /FAILED: ([^\n]*)/.exec(stdout)?.[1]?.trim() ?? '';
}

describe('oncall alerts routes vs amtool config routes', () => {
  it('prints the same tree for every corpus config (and the recorded one)', async () => {
    const configs = amCorpusConfigs();
    const results = await mapLimit(configs, 4, async (file) => {
      const [ref, ours] = await Promise.all([amtool(['config', 'routes', `--config.file=${file}`]), cli(['alerts', 'routes', '--config', file])]);
      return { file: basename(file), ref, ours, recorded: amCorpusTree(file) };
    });
    expect(results).toHaveLength(28);
    const differ = results.filter((r) => r.ref.code !== 0 || r.ours.code !== 0 || r.ours.stdout !== r.ref.stdout || r.ref.stdout !== r.recorded).map((r) => `${r.file}:\n${r.ref.stdout}\nvs ours:\n${r.ours.stdout}${r.ours.stderr}`);
    expect(differ).toEqual([]);
  }, 60_000);
});

describe('validation as amtool check-config', () => {
  // Where the wording cannot be Alertmanager's: Go's regexp errors and go-yaml's unknown-field errors.
  const ownWording = new Set(['bad regex in match_re', 'bad regex in matchers', 'unknown key in a route', 'unknown key in an inhibit rule', 'unknown top-level key']);

  it('rejects every file amtool rejects, at the right line and field, with its reason', async () => {
    const results = await mapLimit(invalidConfigs, 4, async (c, i) => {
      const file = join(dir, `invalid-${i}.yml`);
      writeFileSync(file, c.yaml);
      return { c, file, ref: await amtool(['check-config', file]), ours: parseAlertmanagerText(c.yaml, file) };
    });
    const problems: string[] = [];
    for (const { c, file, ref, ours } of results) {
      if (ref.code === 0) problems.push(`${c.name}: amtool accepts it (fix the test)`);
      if (ours.ok) {
        problems.push(`${c.name}: accepted, amtool says ${failedReason(ref.stdout)}`);
        continue;
      }
      const at = ours.issues.find((i) => i.field === c.field);
      if (!at) problems.push(`${c.name}: no issue at ${c.field}: ${JSON.stringify(ours.issues)}`);
      else if (at.file !== file || at.line !== c.line || at.column < 1) problems.push(`${c.name}: issue at ${at.file}:${at.line}:${at.column}, want line ${c.line}`);
      if (!ownWording.has(c.name) && !ours.issues.some((i) => i.message.trim() === failedReason(ref.stdout))) problems.push(`${c.name}: amtool says "${failedReason(ref.stdout)}", we say ${ours.issues.map((i) => `"${i.message}"`).join(', ')}`);
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('accepts what amtool accepts', async () => {
    for (const [i, c] of validConfigs.entries()) {
      const file = join(dir, `valid-${i}.yml`);
      writeFileSync(file, c.yaml);
      const ref = await amtool(['check-config', file]);
      expect(ref.code, `${c.name}: ${ref.stdout}`).toBe(0);
      const ours = parseAlertmanagerText(c.yaml, file);
      expect(ours.ok ? [] : ours.issues, c.name).toEqual([]);
    }
  });

  it('reports a broken alertmanager.yml with its own path and line through config.yml', () => {
    const c = invalidConfigs.find((x) => x.name === 'undefined receiver in a child')!;
    const amFile = join(dir, 'team-alertmanager.yml');
    writeFileSync(amFile, c.yaml);
    const result = parseConfigText('alerting:\n  alertmanagerConfig: team-alertmanager.yml\n', join(dir, 'config.yml'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([{ file: amFile, line: c.line, column: 7, field: c.field, message: 'undefined receiver "nope" used in route' }]);
  });
});
