import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { MatchedRoute } from '../../main/core/alerts/am/report';
import { projectRoot } from './cli';

/**
 * The awesome-prometheus-alerts rule collection (112 files, 954 alerts). It lives beside the
 * repository, never inside it: CI clones the repo next to a `shared` folder holding it.
 * ONCALL_RULES_CORPUS points elsewhere.
 */
export const rulesCorpusDir = resolve(projectRoot, process.env.ONCALL_RULES_CORPUS ?? '../shared/corpus/prometheus-rules/awesome-prometheus-alerts');

/** Every rule file of the corpus, sorted; throws (never skips) when the corpus is not there. */
export function rulesCorpusFiles(): string[] {
  if (!existsSync(rulesCorpusDir) || !statSync(rulesCorpusDir).isDirectory()) {
    throw new Error(`rule corpus not found at ${rulesCorpusDir}: put awesome-prometheus-alerts there (a sibling ../shared of the repository) or set ONCALL_RULES_CORPUS to its folder`);
  }
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name)) files.push(path);
    }
  };
  walk(rulesCorpusDir);
  return files;
}

/**
 * 28 real alertmanager.yml files with amtool 0.25's route trees and 492 routing cases
 * (../shared/corpus/alertmanager-configs; ONCALL_AM_CORPUS points elsewhere).
 */
export const amCorpusDir = resolve(projectRoot, process.env.ONCALL_AM_CORPUS ?? '../shared/corpus/alertmanager-configs');

export interface AmCorpusCase {
  id: string;
  config: string;
  labels: Record<string, string>;
  receivers: string[];
  group_by: string[][];
  /** Same fields as `oncall alerts routes test --json` prints. */
  routes: MatchedRoute[];
}

function requireAmCorpus(): void {
  if (!existsSync(join(amCorpusDir, 'cases.jsonl'))) {
    throw new Error(`Alertmanager corpus not found at ${amCorpusDir}: put alertmanager-configs there (../shared/corpus) or set ONCALL_AM_CORPUS to its folder`);
  }
}

/** The configs of the corpus (absolute paths, sorted); throws (never skips) when it is missing. */
export function amCorpusConfigs(): string[] {
  requireAmCorpus();
  const dir = join(amCorpusDir, 'configs');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}

/** amtool's `config routes` output recorded for a config of the corpus. */
export function amCorpusTree(configPath: string): string {
  return readFileSync(join(amCorpusDir, 'trees', `${basename(configPath, '.yml')}.txt`), 'utf8');
}

export function amCorpusCases(): AmCorpusCase[] {
  requireAmCorpus();
  return readFileSync(join(amCorpusDir, 'cases.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as AmCorpusCase);
}

/** The public Markdown runbooks (119 files, 8 repositories); ONCALL_RUNBOOKS_CORPUS points elsewhere. */
export const runbooksCorpusDir = resolve(projectRoot, process.env.ONCALL_RUNBOOKS_CORPUS ?? '../shared/corpus/runbooks');

/** Every runbook of that corpus (SOURCES.md excluded), sorted; throws (never skips) when it is missing. */
export function runbooksCorpusFiles(): string[] {
  if (!existsSync(runbooksCorpusDir) || !statSync(runbooksCorpusDir).isDirectory()) {
    throw new Error(`runbook corpus not found at ${runbooksCorpusDir}: put it there (a sibling ../shared of the repository) or set ONCALL_RUNBOOKS_CORPUS to its folder`);
  }
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md') && name !== 'SOURCES.md') files.push(path);
    }
  };
  walk(runbooksCorpusDir);
  return files;
}
