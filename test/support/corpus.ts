import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
