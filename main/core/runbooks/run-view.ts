import type { RunbookSummary, StepPreview, StepState, StepStatus } from '../../../preload/contract';
import type { LibraryEntry } from './library';
import type { Runbook, Step } from './model';
import type { RenderedStep } from './render';
import type { ParamValues } from './render/params';
import type { StepResultRow } from './runs-store';

/** Statuses after which the run moves on. */
export const settled: ReadonlySet<StepStatus> = new Set(['passed', 'skipped', 'done']);

const versionParam = /(^|_)(version|tag|release|revision|commit|ref|image)(_|$)/i;

/**
 * What the engineer must type before a dangerous step runs: the version being rolled back to when
 * the runbook has such a param, else the host the step will change (or `local` for this machine).
 */
export function confirmValue(runbook: Runbook, rendered: RenderedStep, values: ParamValues): string | null {
  if (!rendered.needsConfirmation) return null;
  if (runbook.rollback) {
    const param = runbook.params.find((p) => versionParam.test(p.name) && !p.secret && values.values.has(p.name));
    if (param) return values.values.get(param.name) ?? null;
  }
  const step = rendered.step;
  if (step.kind === 'ssh') return rendered.host ?? null;
  if (step.kind === 'local') return 'local';
  return runbook.id;
}

function commandText(rendered: RenderedStep): string {
  return rendered.summary;
}

export function previewStep(runbook: Runbook, rendered: RenderedStep, values: ParamValues): StepPreview {
  const step: Step = rendered.display;
  const errors = [...rendered.errors];
  // The step waits for a human: nothing may fill these values by guessing (see resolveParams).
  for (const ask of rendered.asks) errors.push(`waits for a value for ${ask.name} (${ask.why}); give it with --param ${ask.name}=VALUE or on the run's form`);
  if (step.kind === 'ssh' && rendered.host === undefined) errors.push(`choose a host${runbook.hosts.length ? ` (${runbook.hosts.join(', ')})` : ''}`);
  return {
    index: step.index,
    id: step.id,
    title: step.title,
    kind: step.kind,
    description: step.description,
    command: commandText(rendered),
    host: step.kind === 'local' ? 'local' : (rendered.host ?? null),
    needsConfirmation: rendered.needsConfirmation,
    confirmValue: confirmValue(runbook, rendered, values),
    readonly: step.readonly,
    auto: step.auto,
    timeoutMs: step.timeoutMs ?? (step.kind === 'wait' ? step.timeoutMs : null),
    checks: step.checks.map((c) => ({ text: c.text, checked: c.checked })),
    errors,
  };
}

export function stepState(preview: StepPreview, results: StepResultRow[]): StepState {
  const latest = results[results.length - 1];
  return {
    ...preview,
    status: latest?.status ?? 'pending',
    attempts: results.length,
    exitCode: latest?.exit_code ?? null,
    durationMs: latest?.duration_ms ?? null,
    fingerprint: latest?.fingerprint ?? null,
    reason: latest?.reason ?? null,
    outputTail: latest?.output_tail ?? '',
    outputBytes: latest?.output_bytes ?? 0,
    startedAt: latest?.started_at ?? null,
  };
}

export function summarizeEntry(entry: LibraryEntry): RunbookSummary {
  const rb = entry.runbook;
  return {
    id: entry.id,
    title: entry.title,
    file: entry.file,
    source: entry.source,
    tags: entry.tags,
    alerts: entry.alerts,
    ...(entry.severity ? { severity: entry.severity } : {}),
    stepCount: entry.stepCount,
    issues: entry.issues.map((i) => ({ file: i.file, line: i.line, severity: i.severity, message: i.message, ...(i.field ? { field: i.field } : {}) })),
    broken: entry.broken,
    params: (rb?.params ?? []).map((p) => ({
      name: p.name,
      type: p.type,
      required: p.required,
      secret: p.secret,
      ...(p.description !== undefined ? { description: p.description } : {}),
      ...(p.default !== undefined ? { default: p.secret ? '***' : p.default } : {}),
      ...(p.pattern !== undefined ? { pattern: p.pattern } : {}),
      ...(p.values !== undefined ? { values: p.values } : {}),
    })),
    hosts: rb?.hosts ?? [],
    rollback: rb?.rollback ?? false,
  };
}

/** The secret values worth masking: very short ones would mask ordinary text everywhere. */
export function secretValues(values: ParamValues): string[] {
  return [...values.secrets].map((name) => values.values.get(name) ?? '').filter((value) => value.length >= 3);
}

/** Replaces every secret value in text that leaves the core (live output, the journal) with `***`. */
export function maskSecrets(text: string, values: ParamValues): string {
  let out = text;
  for (const value of secretValues(values)) out = out.split(value).join('***');
  return out;
}
