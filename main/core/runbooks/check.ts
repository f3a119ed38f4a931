import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Runbook, RunbookIssue } from './model';
import { parseRunbook, stepPlaceholders } from './parse';
import { placeholderNames } from './placeholders';
import { renderStep, type ParamValues } from './render';

export interface CheckResult {
  file: string;
  id?: string;
  steps: number;
  issues: RunbookIssue[];
  /** No error-level issue (warnings allowed). */
  ok: boolean;
}

export interface CheckOptions {
  /** Host names the user has (config ssh.hosts, ~/.ssh/config); when given, unknown hosts are warned about. */
  knownHosts?: string[];
}

/** `oncall runbook check`: parse, then look for what would only fail at run time. */
export function checkRunbookText(text: string, file: string, options: CheckOptions = {}): CheckResult {
  const { runbook, issues } = parseRunbook(text, file);
  if (runbook) issues.push(...deepChecks(runbook, options));
  issues.sort((a, b) => a.line - b.line);
  return { file, ...(runbook ? { id: runbook.id } : {}), steps: runbook?.steps.length ?? 0, issues, ok: !issues.some((i) => i.severity === 'error') };
}

export function checkRunbookFile(path: string, options: CheckOptions = {}): CheckResult {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { file, steps: 0, issues: [{ file, line: 1, severity: 'error', message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` }], ok: false };
  }
  return checkRunbookText(text, file, options);
}

function deepChecks(runbook: Runbook, options: CheckOptions): RunbookIssue[] {
  const issues: RunbookIssue[] = [];
  const add = (line: number, message: string, field?: string, severity: 'error' | 'warning' = 'error') =>
    issues.push({ file: runbook.file, line, severity, message, ...(field ? { field } : {}) });
  // Render every step with a harmless stand-in for each value: what fails now (a placeholder in a
  // here-document, in backticks) would fail for every real value too.
  const names = new Set(runbook.steps.flatMap(stepPlaceholders));
  const standIn: ParamValues = { values: new Map([...names].map((n) => [n, 'x'])), secrets: new Set(), validated: new Set(names), errors: [], missing: new Map(), declared: new Set([...names, ...runbook.params.map((p) => p.name)]) };
  // A placeholder that starts an http URL stands for the URL's base.
  for (const step of runbook.steps) {
    const lead = step.kind === 'http' ? /^\{\{\s*([\w.]+)\s*\}\}/.exec(step.url) : null;
    if (lead?.[1]) standIn.values.set(lead[1], 'http://example.invalid');
  }
  const declared = new Map(runbook.params.map((p) => [p.name, p]));
  for (const step of runbook.steps) {
    const line = 'blockLine' in step ? step.blockLine : step.line;
    for (const message of renderStep(runbook, step, standIn, { host: 'x' }).errors) add(line, message, 'command');
    if ((step.kind === 'ssh' || step.kind === 'local') && step.interpreter !== undefined) {
      for (const name of placeholderNames(step.command)) {
        const param = declared.get(name);
        if (!param || (param.type === 'string' && param.pattern === undefined)) {
          add(line, `{{${name}}} is pasted unquoted into a ${step.language} block; declare it with a pattern or a type so bad values are refused`, 'command', 'warning');
        }
      }
    }
    if (step.kind === 'ssh' && step.host !== undefined && options.knownHosts && !step.host.includes('{{')) {
      const known = new Set([...options.knownHosts, ...runbook.hosts]);
      if (!known.has(step.host)) add(line, `"${step.host}" is not in config.yml ssh.hosts, ~/.ssh/config or the runbook's hosts`, 'host', 'warning');
    }
  }
  if (runbook.rollback && runbook.steps.every((s) => s.kind === 'manual')) {
    add(1, 'tagged rollback but has no command steps', 'tags', 'warning');
  }
  return issues;
}
