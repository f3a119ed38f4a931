import { basename } from 'node:path';
import type { ParseResult, Runbook, RunbookIssue, RunbookParam, Step } from './model';
import { idPattern, parseFrontMatter, splitFrontMatter, type FrontMatter } from './parse/front-matter';
import { splitSections } from './parse/sections';
import { sectionToSteps, type ImplicitParam, type StepContext } from './parse/steps';
import { placeholderNames } from './placeholders';

/**
 * Parses one runbook file. Never throws for bad content: problems come back as issues with
 * file:line (and the field when there is one). `runbook` is set whenever the file could be read.
 */
export function parseRunbook(text: string, file: string): ParseResult {
  const issues: RunbookIssue[] = [];
  const source = text.replace(/\r\n?/g, '\n');
  const split = splitFrontMatter(source);
  let front: FrontMatter = { hosts: [], tags: [], alerts: [], params: [] };
  if (split.yaml !== undefined) {
    const parsed = parseFrontMatter(split.yaml, split.yamlLine);
    front = parsed.value;
    for (const issue of parsed.issues) issues.push({ file, ...issue });
    if (parsed.issues.some((i) => i.severity === 'error' && i.message.startsWith('front matter:'))) return { issues };
  } else if (source.startsWith('---\n')) {
    issues.push({ file, line: 1, severity: 'error', message: 'front matter starts with "---" but has no closing "---" line' });
    return { issues };
  }

  const doc = splitSections(split.body);
  const bodyLines = split.body.split('\n');
  const fileId = basename(file).replace(/\.(md|markdown)$/i, '').toLowerCase();
  const implicit: ImplicitParam[] = [];
  const ctx: StepContext = { file, lineOffset: split.lineCount + 1, bodyLines, issues, front, untitled: front.title ?? doc.h1 ?? humanize(basename(file)), implicit };
  let steps: Step[] = doc.sections.flatMap((section) => sectionToSteps(section, ctx));
  // Prose alone is one manual step (read it, mark it done); an empty file has nothing to do at all.
  if (doc.mode === 'single' && steps.every((s) => s.kind === 'manual' && s.checks.length === 0 && !s.description.replace(/^#\s.*$/m, '').trim())) steps = [];
  for (const block of doc.intro.blocks) {
    if (sectionToSteps({ ...doc.intro, blocks: [block], checks: [] }, { ...ctx, issues: [], implicit: [] })[0]?.kind !== 'manual') {
      issues.push({ file, line: block.map[0] + ctx.lineOffset, severity: 'warning', message: 'this command comes before the first step and will not run; put it under a "##" heading' });
    }
  }
  assignIds(steps, file, issues);

  const id = front.id ?? fileId;
  if (!front.id && !idPattern.test(id)) {
    issues.push({ file, line: 1, field: 'id', severity: 'error', message: `the file name does not make a usable id; add "id:" to the front matter` });
  }
  const intro = bodyLines.slice(0, doc.introEnd).filter((line) => !/^#\s/.test(line)).join('\n').trim();
  const runbook: Runbook = {
    id,
    title: front.title ?? doc.h1 ?? id,
    file,
    description: doc.mode === 'single' ? '' : intro,
    hosts: front.hosts,
    tags: front.tags,
    alerts: front.alerts,
    params: [...front.params, ...implicitParams(front.params, implicit)],
    steps,
    rollback: front.tags.includes('rollback'),
  };
  if (front.severity) runbook.severity = front.severity;
  if (steps.length === 0) issues.push({ file, line: 1, severity: 'error', message: 'no steps: add "##" headings or a numbered list' });
  checkReferences(runbook, issues);
  issues.sort((a, b) => a.line - b.line);
  return { runbook, issues };
}

/** `kube-api-down.md` -> `kube api down`: a title for a file that has no heading at all. */
function humanize(fileName: string): string {
  return fileName.replace(/\.(md|markdown)$/i, '').replace(/[-_]+/g, ' ').trim() || fileName;
}

/**
 * Params the text asks for without declaring them, once each. A declared param of the same name
 * wins (the author said more about it); the first hole or export met gives the description.
 */
function implicitParams(declared: RunbookParam[], found: ImplicitParam[]): RunbookParam[] {
  const seen = new Set(declared.map((p) => p.name));
  const params: RunbookParam[] = [];
  for (const f of found) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    const param: RunbookParam = { name: f.name, type: 'string', required: f.default === undefined, secret: false, line: f.line, implicit: f.implicit };
    if (f.description !== undefined) param.description = f.description;
    if (f.default !== undefined) param.default = f.default;
    params.push(param);
  }
  return params;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'step'
  );
}

/** Ids are what `wait {step=…}`, `--confirm STEP=…` and the journal refer to, so they must be unique. */
function assignIds(steps: Step[], file: string, issues: RunbookIssue[]): void {
  const used = new Set<string>();
  for (const step of steps) {
    if (step.id && used.has(step.id)) {
      issues.push({ file, line: step.line, field: 'name', severity: 'error', message: `two steps are named "${step.id}"` });
    }
    if (step.id) used.add(step.id);
  }
  steps.forEach((step, index) => {
    step.index = index;
    if (step.id) return;
    // Split sections number their blocks in the title ("Look (2/3)"); the id counts with -2, -3 instead.
    const root = slug(/\(\d+\/\d+\)$/.test(step.title) ? step.section : step.title);
    let candidate = root;
    for (let n = 2; used.has(candidate); n++) candidate = `${root}-${n}`;
    step.id = candidate;
    used.add(candidate);
  });
}

/** Wait targets must exist; placeholders must be params or (then only a warning) alert labels. */
function checkReferences(runbook: Runbook, issues: RunbookIssue[]): void {
  const byId = new Map(runbook.steps.map((s) => [s.id, s]));
  const params = new Set(runbook.params.map((p) => p.name));
  const warned = new Set<string>();
  for (const step of runbook.steps) {
    const line = 'blockLine' in step ? step.blockLine : step.line;
    if (step.kind === 'wait' && step.target) {
      const target = byId.get(step.target);
      if (!target) issues.push({ file: runbook.file, line, field: 'step', severity: 'error', message: `no step named "${step.target}" (ids: ${[...byId.keys()].join(', ')})` });
      else if (target.kind === 'manual' || target.kind === 'wait') issues.push({ file: runbook.file, line, field: 'step', severity: 'error', message: `"${step.target}" is a ${target.kind} step; a wait polls a command, http or promql step` });
    }
    for (const name of stepPlaceholders(step)) {
      if (params.has(name) || name.startsWith('labels.') || warned.has(name)) continue;
      warned.add(name);
      issues.push({ file: runbook.file, line, field: `{{${name}}}`, severity: 'warning', message: 'not a declared param: filled from the alert\'s label of that name when it has one, else kept as written (declare it under params: to have it asked for)' });
    }
  }
}

export function stepPlaceholders(step: Step): string[] {
  const texts: string[] = [];
  if (step.kind === 'ssh' || step.kind === 'local') texts.push(step.command, step.host ?? '', step.expectOutput ?? '', step.cwd ?? '', step.interpreter ?? '');
  if (step.kind === 'http') texts.push(step.url, step.body ?? '', ...Object.values(step.headers), step.expectBody ?? '');
  if (step.kind === 'promql') texts.push(step.query);
  return [...new Set(texts.flatMap(placeholderNames))];
}
