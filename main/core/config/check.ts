import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ComposedConfig, Config } from './compose';
import type { Locate } from './parse';

/**
 * `oncall config check`: config.yml and everything it references. config/ knows only the shape of a
 * check; each domain contributes its own (rule files, runbooks…) and the composition root lists them
 * (core/composed-checks.ts), so this file depends on no domain.
 */

export interface ConfigProblem {
  file: string;
  /** 1-based; null when the checker knows only the file (an unreadable file). */
  line: number | null;
  /** 1-based; null when the checker knows only the line (runbooks). */
  column: number | null;
  field: string;
  message: string;
  /** Errors fail the check; warnings (an optional folder that is missing) do not. */
  severity: 'error' | 'warning';
}

export interface CheckedFile {
  file: string;
  /** `config`, `rules`, `runbook`, or `referenced` for a file only known from a problem in it. */
  kind: string;
  ok: boolean;
}

/** What one domain's check found; `summary` holds its phrases for the last line ("2 rule files (14 rules)"). */
export interface ConfigCheckPart {
  files?: CheckedFile[];
  problems?: ConfigProblem[];
  summary?: string[];
}

export interface ConfigCheckInput {
  config: Config;
  /** Absolute path of config.yml; paths in it are relative to its folder unless a domain says otherwise. */
  configFile: string;
  /** The data folder (--home / ONCALL_HOME). */
  home: string;
  /** Bundled resources (built-in rules and runbooks). */
  resourcesDir: string;
  /** Where a key sits in config.yml, for problems about a value (a folder that does not exist); null without a config.yml. */
  locate: Locate | null;
}

export type ConfigCheck = (input: ConfigCheckInput) => ConfigCheckPart | Promise<ConfigCheckPart>;

export interface ConfigCheckReport {
  ok: boolean;
  files: CheckedFile[];
  problems: ConfigProblem[];
  /** The last line of the human output. */
  summary: string;
}

export interface ConfigCheckOptions extends Omit<ConfigCheckInput, 'config' | 'locate'> {
  composed: ComposedConfig;
  checks: readonly ConfigCheck[];
  /** The user named this file (`--config FILE`): a missing file is then an error, not "defaults apply". */
  required: boolean;
}

export async function checkConfig(options: ConfigCheckOptions): Promise<ConfigCheckReport> {
  const { configFile, composed } = options;
  const label = basename(configFile);
  let text: string | null;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' || options.required) {
      const problem = { file: configFile, line: null, column: null, field: '(file)', message: `cannot read: ${code ?? (err as Error).message}`, severity: 'error' } as const;
      return finish(label, [{ file: configFile, kind: 'config', ok: false }], [problem], ['not checked']);
    }
    text = null;
  }
  let config = composed.empty;
  let locate: Locate | null = null;
  const files: CheckedFile[] = [];
  const problems: ConfigProblem[] = [];
  if (text === null) {
    // Not an error: the console runs on defaults, and the user's runbooks are still worth checking.
    const message = 'not found, so the defaults apply (no targets; built-in rules and runbooks, and <home>/runbooks). config.yml is optional: the app and `oncall serve` write a commented one on first start';
    problems.push({ file: configFile, line: null, column: null, field: '(file)', message, severity: 'warning' });
  }
  if (text !== null) {
    const parsed = composed.parse(text, configFile);
    if (!parsed.ok) {
      problems.push(...parsed.issues.map((i) => ({ ...i, severity: 'error' as const })));
      files.push({ file: configFile, kind: 'config', ok: !parsed.issues.some((i) => i.file === configFile) });
      // Files config.yml references (an alertmanager.yml) and any other file a problem sits in.
      for (const file of new Set([...(parsed.files ?? []), ...parsed.issues.map((i) => i.file)])) {
        if (file !== configFile) files.push({ file, kind: 'referenced', ok: !parsed.issues.some((i) => i.file === file) });
      }
      // Which rule files and runbooks config.yml references is only known once it loads.
      return finish(label, files, problems, ['does not load; fix it to check the rule files and runbooks it references']);
    }
    config = parsed.config;
    locate = parsed.locate;
    files.push({ file: configFile, kind: 'config', ok: true }, ...parsed.files.map((file) => ({ file, kind: 'referenced', ok: true })));
  }
  const summary: string[] = [];
  for (const check of options.checks) {
    const part = await check({ config, configFile, home: options.home, resourcesDir: options.resourcesDir, locate });
    for (const checked of part.files ?? []) {
      // A domain that names a referenced file (alertmanager.yml) says better what kind it is.
      const known = files.findIndex((f) => f.file === checked.file && f.kind === 'referenced');
      if (known >= 0) files.splice(known, 1);
      files.push(checked);
    }
    problems.push(...(part.problems ?? []));
    summary.push(...(part.summary ?? []));
  }
  return finish(label, files, problems, summary);
}

function finish(label: string, files: CheckedFile[], problems: ConfigProblem[], phrases: string[]): ConfigCheckReport {
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  const count = problems.length === 0 ? 'no problems' : `${problems.length} problem${problems.length === 1 ? '' : 's'}${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`;
  return {
    ok: !problems.some((p) => p.severity === 'error'),
    files,
    problems,
    summary: `${label}: ${phrases.join(', ') || 'nothing to check'}; ${count}`,
  };
}

/** `file:line:column: field: message`; the parts a checker does not know are left out. */
export function formatConfigProblem(p: ConfigProblem): string {
  const where = [p.file, ...(p.line === null ? [] : [p.line]), ...(p.line !== null && p.column !== null ? [p.column] : [])].join(':');
  return `${where}: ${p.field}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

/** "3 targets", "1 target". */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
