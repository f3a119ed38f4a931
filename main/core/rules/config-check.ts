import { dirname } from 'node:path';
import { countOf, type ConfigCheck, type ConfigProblem } from '../config/check';
import { expandGlobs } from './glob';
import { loadRuleFiles } from './loader';

/**
 * The rule files config.yml lists (`rules.files`, globs relative to config.yml's folder), each parsed
 * as the rules service loads them: a broken file is reported alone, the others still count. A glob
 * that matches nothing is not a problem (the default `rules/*.yml` in an empty folder); a plain path
 * that does not exist is, as it is for the running app.
 */
export const rulesConfigCheck: ConfigCheck = ({ config, configFile }) => {
  const parsed = loadRuleFiles(expandGlobs(config.rules.files, dirname(configFile)));
  const problems: ConfigProblem[] = parsed.flatMap((f) =>
    f.errors.map((e) => ({ file: e.file, line: e.line > 0 ? e.line : null, column: e.line > 0 && e.column > 0 ? e.column : null, field: '(rule file)', message: e.message, severity: 'error' as const })),
  );
  const rules = parsed.filter((f) => f.errors.length === 0).reduce((n, f) => n + f.groups.reduce((m, g) => m + g.rules.length, 0), 0);
  return {
    files: parsed.map((f) => ({ file: f.file, kind: 'rules', ok: f.errors.length === 0 })),
    problems,
    summary: [`${countOf(parsed.length, 'rule file')} (${countOf(rules, 'rule')})`],
  };
};
