import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Document, parseDocument } from 'yaml';
import { routeTest } from '../../../main/core/alerts/am/report';
import { compileRouteTree, type Route } from '../../../main/core/alerts/routes';
import { parseConfigText } from '../../../main/core/composed-config';
import { amCorpusCases, amCorpusConfigs } from '../../support/corpus';

/**
 * The 28 real alertmanager.yml files of the corpus, read by the console through
 * `alerting.alertmanagerConfig` and written inline under `alerting:`, and the 492 routing cases
 * whose receivers amtool 0.25 answered.
 */

const dir = mkdtempSync(join(tmpdir(), 'oncall-am-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const amBlocks = ['route', 'inhibit_rules', 'receivers', 'time_intervals', 'mute_time_intervals'];

/** config.yml with the file's blocks copied under `alerting:` as written (node by node, styles kept). */
function inlineConfig(amText: string): string {
  const am = parseDocument(amText, { merge: true });
  const out = new Document({ alerting: {} });
  for (const key of amBlocks) if (am.has(key)) out.setIn(['alerting', key], am.get(key, true));
  return out.toString();
}

function loadViaFile(file: string) {
  const home = mkdtempSync(join(dir, 'home-'));
  const configFile = join(home, 'config.yml');
  const text = `alerting:\n  alertmanagerConfig: ${JSON.stringify(relative(home, file))}\n`;
  writeFileSync(configFile, text);
  return parseConfigText(text, configFile);
}

const configs = amCorpusConfigs();
const trees = new Map<string, Route | null>();

/** The compiled tree of `configs/<name>.yml`, loaded the way a user's config.yml would load it. */
function treeFor(config: string): Route | null {
  if (!trees.has(config)) {
    const file = configs.find((f) => `configs/${basename(f)}` === config);
    const loaded = file ? loadViaFile(file) : null;
    trees.set(config, loaded?.ok ? compileRouteTree(loaded.config.alerting) : null);
  }
  return trees.get(config) ?? null;
}

describe('the corpus configs, unchanged', () => {
  it('has the 28 configs', () => expect(configs).toHaveLength(28));

  it.each(configs.map((f) => [basename(f), f]))('%s loads through alertmanagerConfig and inline, with zero issues and the same result', (_name, file) => {
    const viaFile = loadViaFile(file);
    expect(viaFile.ok ? [] : viaFile.issues).toEqual([]);
    const inline = parseConfigText(inlineConfig(readFileSync(file, 'utf8')), join(dir, 'inline.yml'));
    expect(inline.ok ? [] : inline.issues).toEqual([]);
    if (!viaFile.ok || !inline.ok) return;
    // `delivery` (global, templates, the file's folder) exists only for a file.
    const { alertmanagerConfig: _a, delivery: _d, ...fromFile } = viaFile.config.alerting;
    expect(inline.config.alerting).toEqual(fromFile);
    expect(viaFile.files).toEqual([file]);
  });
});

describe('the 492 routing cases', () => {
  const cases = amCorpusCases();
  it('routes every case as amtool did (receivers in order, group_by as sets, paths and timings)', () => {
    expect(cases).toHaveLength(492);
    const sortGroupBy = <T extends { group_by: string[] }>(r: T): T => ({ ...r, group_by: [...r.group_by].sort() });
    const differ: string[] = [];
    for (const c of cases) {
      const root = treeFor(c.config);
      if (!root) {
        differ.push(`${c.id}: config ${c.config} did not load`);
        continue;
      }
      const got = routeTest(root, c.labels);
      const want = c.routes.map(sortGroupBy);
      if (JSON.stringify(got.receivers) !== JSON.stringify(c.receivers)) differ.push(`${c.id}: receivers ${got.receivers.join(',')} != ${c.receivers.join(',')}`);
      else if (JSON.stringify(got.routes.map(sortGroupBy)) !== JSON.stringify(want.map((r) => ({ receiver: r.receiver, path: r.path, group_by: r.group_by, group_wait: r.group_wait, group_interval: r.group_interval, repeat_interval: r.repeat_interval, group_wait_ms: r.group_wait_ms, group_interval_ms: r.group_interval_ms, repeat_interval_ms: r.repeat_interval_ms, mute_time_intervals: r.mute_time_intervals, active_time_intervals: r.active_time_intervals }))))
        differ.push(`${c.id}: routes ${JSON.stringify(got.routes)} != ${JSON.stringify(c.routes)}`);
    }
    expect(differ).toEqual([]);
  });
});
