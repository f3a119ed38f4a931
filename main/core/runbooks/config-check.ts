import { existsSync } from 'node:fs';
import { countOf, type ConfigCheck, type ConfigProblem } from '../config/check';
import { checkRunbookFile } from './check';
import { markdownFiles, runbookDirs } from './library';

/**
 * Every runbook in the user's folders (`<home>/runbooks` and `runbooks.dirs`), checked as
 * `oncall runbook check` does. A listed folder that does not exist is a warning: the app lists what
 * is there and carries on. The built-in runbooks ship with the app and are tested with it.
 */
export const runbooksConfigCheck: ConfigCheck = ({ config, configFile, home, resourcesDir, locate }) => {
  const dirs = runbookDirs(resourcesDir, home, config.runbooks.dirs).user;
  const problems: ConfigProblem[] = [];
  config.runbooks.dirs.forEach((dir, i) => {
    // Resolved as the library resolves it (relative to the home folder).
    const resolved = runbookDirs(resourcesDir, home, [dir]).user.at(-1) ?? dir;
    const at = locate?.(['runbooks', 'dirs', i]) ?? { line: null, column: null };
    if (!existsSync(resolved)) problems.push({ file: configFile, ...at, field: `runbooks.dirs[${i}]`, message: `folder not found: ${resolved}`, severity: 'warning' });
  });
  const results = dirs.flatMap((dir) => markdownFiles(dir)).map((file) => checkRunbookFile(file));
  for (const r of results) {
    for (const issue of r.issues) problems.push({ file: issue.file, line: issue.line, column: null, field: issue.field ?? '(runbook)', message: issue.message, severity: issue.severity });
  }
  return { files: results.map((r) => ({ file: r.file, kind: 'runbook', ok: r.ok })), problems, summary: [countOf(results.length, 'runbook')] };
};
