import { isAbsolute, resolve as resolvePath, dirname } from 'node:path';
import { parseDuration } from '../../shared/duration';
import type { CompareOp, ManualCheck, RunbookIssue, Step, StepBase, ValueCondition } from '../model';
import { parseInfoString } from './info-string';
import {
  checkLanguages,
  commandAttributes,
  commonAttributes,
  defaultInterpreters,
  httpAttributes,
  promqlAttributes,
  runmeAttributes,
  shellLanguages,
  waitAttributes,
} from './languages';
import type { RawBlock, RawSection } from './sections';
import { hasPrompts, splitTranscript } from './console';
import { replaceHoles, replaceShellHoles } from './holes';
import { ignoredCell, promptEnv, promptEnvMode, refusedCell } from './runme';

/** A param found in the text rather than declared: a `<hole>` or a Runme `export NAME=` line. */
export interface ImplicitParam {
  name: string;
  implicit: 'hole' | 'env';
  line: number;
  default?: string;
  description?: string;
}

/** Languages whose blocks may be terminal transcripts; `console` ones without a prompt are only output. */
const transcriptOnly = new Set(['console', 'shell-session']);

export interface StepContext {
  file: string;
  /** Add to a 0-based body line to get the 1-based file line. */
  lineOffset: number;
  bodyLines: string[];
  issues: RunbookIssue[];
  /** Runme document settings from the front matter. */
  front?: { shell?: string; cwd?: string; skipPrompts?: boolean };
  /** What a step without any heading is called: the `#` title, else the file's name. */
  untitled?: string;
  /** Collects the params the text asks for (holes, Runme exports), in order of appearance. */
  implicit?: ImplicitParam[];
}

type Issue = (line: number, message: string, field?: string, severity?: 'error' | 'warning') => void;

/** A section becomes one step per executable block, or one manual step when it has none. */
export function sectionToSteps(section: RawSection, ctx: StepContext): Step[] {
  const executable = section.blocks.filter((block) => isExecutableBlock(block));
  const excluded = [...executable.map((b) => b.map), ...section.checks.map((c) => c.map)];
  const sectionTitle = section.title || ctx.untitled || 'Step';
  const base = (title: string): Omit<StepBase, 'id' | 'index' | 'attributes'> => ({
    title,
    section: sectionTitle,
    description: describe(section, excluded, ctx.bodyLines),
    line: section.line + ctx.lineOffset,
    checks: [],
    readonly: false,
    auto: false,
    confirm: false,
  });
  const checks: ManualCheck[] = section.checks.map((c) => ({ text: c.text, checked: c.checked, line: c.map[0] + ctx.lineOffset }));
  if (executable.length === 0) {
    return [{ ...base(sectionTitle), id: '', index: 0, attributes: {}, kind: 'manual', checks }];
  }
  const steps: Step[] = [];
  executable.forEach((block, n) => {
    const title = executable.length === 1 ? sectionTitle : block.itemTitle && block.itemTitle !== sectionTitle ? block.itemTitle : `${sectionTitle} (${n + 1}/${executable.length})`;
    const step = blockToStep(block, base(title), ctx);
    // Checks belong to the block they follow (or the first block when they come before any).
    step.checks = checks.filter((c) => {
      const next = executable[n + 1];
      const afterThis = n === 0 || c.line >= block.map[0] + ctx.lineOffset;
      const beforeNext = !next || c.line < next.map[0] + ctx.lineOffset;
      return afterThis && beforeNext;
    });
    steps.push(step);
  });
  return steps;
}

export function isExecutableBlock(block: RawBlock): boolean {
  const { language, attributes } = parseInfoString(block.info);
  if (ignoredCell(attributes)) return false;
  // A `console` block without a prompt is a printout (what a command showed), not something to run.
  if (transcriptOnly.has(language) && attributes.interpreter === undefined && !hasPrompts(block.content)) return false;
  return shellLanguages.has(language) || checkLanguages.has(language) || language in defaultInterpreters || attributes.interpreter !== undefined;
}

/** The section's prose: its lines minus executable blocks and check items. */
function describe(section: RawSection, excluded: [number, number][], lines: string[]): string {
  const kept: string[] = [];
  for (let line = section.start; line < section.end; line++) {
    if (excluded.some(([from, to]) => line >= from && line < to)) continue;
    kept.push(lines[line] ?? '');
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function blockToStep(block: RawBlock, base: Omit<StepBase, 'id' | 'index' | 'attributes'>, ctx: StepContext): Step {
  const blockLine = block.map[0] + ctx.lineOffset;
  const issue: Issue = (line, message, field, severity = 'error') => ctx.issues.push({ file: ctx.file, line, message, severity, ...(field ? { field } : {}) });
  const info = parseInfoString(block.info);
  for (const message of info.errors) issue(blockLine, message, 'info string');
  const attrs = info.attributes;
  const flag = (key: string): boolean => {
    const value = attrs[key];
    if (value === undefined) return false;
    if (value === 'true') return true;
    if (value !== 'false') issue(blockLine, `expected true or false, not "${value}"`, key);
    return false;
  };
  const duration = (key: string): number | undefined => {
    const value = attrs[key];
    if (value === undefined) return undefined;
    try {
      return parseDuration(value);
    } catch (err) {
      issue(blockLine, (err as Error).message, key);
      return undefined;
    }
  };
  const common = { ...base, id: attrs.name ?? '', index: 0, attributes: attrs, language: info.language, blockLine, readonly: flag('readonly'), auto: flag('auto'), confirm: flag('confirm') };
  const timeoutMs = duration('timeout');
  if (timeoutMs !== undefined) Object.assign(common, { timeoutMs });
  if (common.auto && !common.readonly) issue(blockLine, 'auto=true needs readonly=true: nothing that changes a system runs without a click', 'auto');
  let content = block.content.replace(/\n$/, '');
  const lang = info.language;
  const refusal = refusedCell(attrs);
  if (refusal) {
    issue(blockLine, `not run: ${refusal.split('. ')[0] ?? refusal}`, Object.keys(attrs).find((k) => attrs[k] === 'true' && (k === 'background' || k === 'interactive')), 'warning');
    const fence = '```';
    return { ...base, id: attrs.name ?? '', index: 0, attributes: attrs, kind: 'manual', description: [base.description, refusal, `${fence}${lang}\n${content}\n${fence}`].filter(Boolean).join('\n\n') };
  }
  const found = (holes: { name: string; written: string }[]) => {
    for (const h of holes) ctx.implicit?.push({ name: h.name, implicit: 'hole', line: blockLine, description: `fills <${h.written}>` });
  };
  let expectedOutput: string | undefined;
  const isShell = shellLanguages.has(lang) && attrs.interpreter === undefined;
  if (isShell) {
    const transcript = splitTranscript(content);
    if (transcript) {
      content = transcript.command;
      if (transcript.output) expectedOutput = transcript.output;
    }
    const mode = promptEnvMode(attrs.promptEnv, ctx.front?.skipPrompts === true || attrs.skipPrompts === 'true');
    if (mode === undefined) issue(blockLine, `expected auto, always/yes/true or never/no/false, not "${attrs.promptEnv ?? ''}"`, 'promptEnv', 'warning');
    const env = promptEnv(content, mode ?? 'auto');
    content = env.text;
    for (const p of env.params) ctx.implicit?.push({ ...p, implicit: 'env', line: blockLine, ...(p.description === undefined && p.default === undefined ? { description: `the value of $${p.name}` } : {}) });
    const holes = replaceShellHoles(content);
    content = holes.text;
    found(holes.holes);
  } else if (lang === 'promql' || lang === 'http') {
    const holes = replaceHoles(content);
    content = holes.text;
    found(holes.holes);
  }
  const allowed = new Set([...commonAttributes, ...runmeAttributes, ...(lang === 'http' ? httpAttributes : lang === 'promql' ? promqlAttributes : lang === 'wait' ? waitAttributes : commandAttributes)]);
  for (const key of Object.keys(attrs)) {
    if (!allowed.has(key)) issue(blockLine, `unknown attribute for a ${lang} block (ignored)`, key, 'warning');
  }

  if (lang === 'http') {
    const request = parseHttpBody(content);
    if (!request.url) issue(blockLine + 1, 'an http block starts with "METHOD URL" (e.g. GET https://api.example.com/health)', 'request');
    const expectStatus = attrs.expect_status === undefined ? undefined : codeList(attrs.expect_status, 'expect_status', blockLine, issue);
    const maxLatencyMs = duration('max_latency');
    const step: Step = { ...common, kind: 'http', ...request };
    if (expectStatus) step.expectStatus = expectStatus;
    if (maxLatencyMs !== undefined) step.maxLatencyMs = maxLatencyMs;
    if (attrs.expect_body !== undefined) step.expectBody = regexAttr(attrs.expect_body, 'expect_body', blockLine, issue);
    return step;
  }
  if (lang === 'promql') {
    if (!content.trim()) issue(blockLine + 1, 'the block holds the PromQL query', 'query');
    const step: Step = { ...common, kind: 'promql', query: content.trim(), emptyOk: flag('empty_ok') };
    if (attrs.expect !== undefined) {
      const condition = parseCondition(attrs.expect);
      if (condition) step.expect = condition;
      else issue(blockLine, `expected "value OP NUMBER" with OP one of < <= > >= == !=, not "${attrs.expect}"`, 'expect');
    }
    if (attrs.source !== undefined) step.source = attrs.source;
    return step;
  }
  if (lang === 'wait') {
    const target = attrs.step ?? attrs.until ?? '';
    if (!target) issue(blockLine, 'a wait block names the step it polls: {step=NAME}', 'step');
    return { ...common, kind: 'wait', target, intervalMs: duration('interval') ?? 10_000, timeoutMs: timeoutMs ?? 300_000 };
  }
  const local = attrs.host === 'local' || attrs.host === 'localhost' || flag('local');
  if (!content.trim()) issue(blockLine + 1, 'the command block is empty', 'command');
  const interpreter = attrs.interpreter ?? defaultInterpreters[lang];
  const step: Step = { ...common, kind: local ? 'local' : 'ssh', command: content, expectExit: [0] };
  if (!local && attrs.host !== undefined) {
    if (attrs.host.trim()) step.host = attrs.host.trim();
    else issue(blockLine, 'host is empty', 'host');
  }
  if (interpreter !== undefined) step.interpreter = interpreter;
  if (attrs.expect_exit !== undefined) step.expectExit = codeList(attrs.expect_exit, 'expect_exit', blockLine, issue) ?? [0];
  if (attrs.expect_output !== undefined) step.expectOutput = regexAttr(attrs.expect_output, 'expect_output', blockLine, issue);
  // Runme resolves a relative cwd against the Markdown file's folder; on an SSH host there is no
  // such folder, so a relative one is left to the remote shell (relative to the login directory).
  const cwd = attrs.cwd ?? ctx.front?.cwd;
  if (cwd !== undefined) step.cwd = local && !isAbsolute(cwd) && !cwd.includes('{{') ? resolvePath(dirname(ctx.file), cwd) : cwd;
  if (isShell && ctx.front?.shell !== undefined) step.shell = ctx.front.shell;
  if (expectedOutput !== undefined) step.expectedOutput = expectedOutput;
  return step;
}

function codeList(text: string, field: string, line: number, issue: Issue): number[] | undefined {
  const codes = text.split(/[,|\s]+/).filter(Boolean).map(Number);
  if (codes.length === 0 || codes.some((c) => !Number.isInteger(c) || c < 0)) {
    issue(line, `expected a number or a comma-separated list of numbers, not "${text}"`, field);
    return undefined;
  }
  return codes;
}

function regexAttr(text: string, field: string, line: number, issue: Issue): string {
  try {
    // Placeholders are filled (regex-escaped) before use; check the pattern with them blanked.
    new RegExp(text.replace(/\{\{\s*[\w.]+\s*\}\}/g, 'x'));
  } catch (err) {
    issue(line, `not a valid regular expression: ${(err as Error).message}`, field);
  }
  return text;
}

const conditionPattern = /^\s*(?:value\s*)?(<=|>=|==|!=|<|>)\s*(-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*$/i;

export function parseCondition(text: string): ValueCondition | undefined {
  const match = conditionPattern.exec(text);
  if (!match) return undefined;
  return { op: match[1] as CompareOp, threshold: Number(match[2]), text: text.trim() };
}

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** `GET https://x/health` (method optional), then `Name: value` headers, a blank line, and a body. */
function parseHttpBody(content: string): { method: string; url: string; headers: Record<string, string>; body?: string } {
  const lines = content.split('\n');
  while (lines.length > 0 && !(lines[0] ?? '').trim()) lines.shift();
  const first = (lines.shift() ?? '').trim().split(/\s+/);
  const method = methods.has((first[0] ?? '').toUpperCase()) ? (first.shift() ?? 'GET').toUpperCase() : 'GET';
  const url = first[0] ?? '';
  const headers: Record<string, string> = {};
  while (lines.length > 0 && (lines[0] ?? '').trim()) {
    const line = lines.shift() ?? '';
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  const body = lines.join('\n').trim();
  return { method, url, headers, ...(body ? { body } : {}) };
}
