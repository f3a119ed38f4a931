// Pure helpers of the run view: progress, verdicts, the actions a step offers, folded output.
import type { RunView, StepState, StepStatus } from '../../../../preload/contract';

/** Statuses after which the run moves on (the core's own list). */
const settled: ReadonlySet<StepStatus> = new Set(['passed', 'skipped', 'done']);

/** "Step 3 of 7", or "All 7 steps done" once every step is settled. */
export function progressLabel(run: Pick<RunView, 'current' | 'steps' | 'status'>): string {
  const total = run.steps.length;
  if (run.current >= total) return `All ${total} steps done`;
  return `Step ${run.current + 1} of ${total}`;
}

/** How many steps are passed, skipped or done: the filled part of the progress bar. */
export function settledCount(steps: Pick<StepState, 'status'>[]): number {
  return steps.filter((s) => settled.has(s.status)).length;
}

export function elapsedMs(run: Pick<RunView, 'startedAt' | 'finishedAt'>, now: number): number {
  return Math.max(0, (run.finishedAt ?? now) - run.startedAt);
}

export type Tone = 'ok' | 'warn' | 'crit' | 'muted' | 'active';

const tones: Record<StepStatus, Tone> = {
  pending: 'muted',
  running: 'active',
  passed: 'ok',
  done: 'ok',
  skipped: 'muted',
  failed: 'crit',
  error: 'crit',
  timeout: 'crit',
  cancelled: 'warn',
};

export function statusTone(status: StepStatus): Tone {
  return tones[status];
}

/** Whether the run accepts step actions at all (a finished or aborted run is a record only). */
export function isOpen(run: Pick<RunView, 'status'>): boolean {
  return run.status === 'active' || run.status === 'paused';
}

/** Run for a step never tried, Retry for one whose last attempt did not pass. */
export function runLabel(step: Pick<StepState, 'attempts' | 'status' | 'kind'>): 'Run' | 'Retry' | 'Mark done' {
  if (step.kind === 'manual') return 'Mark done';
  return step.attempts > 0 && !settled.has(step.status) && step.status !== 'running' ? 'Retry' : 'Run';
}

/** The typed confirmation must equal what the core expects, character for character. */
export function confirmationOk(step: Pick<StepState, 'needsConfirmation' | 'confirmValue'>, typed: string): boolean {
  return !step.needsConfirmation || (step.confirmValue !== null && typed === step.confirmValue);
}

/** Steps that go over SSH but have no host yet: the run needs a host chosen before they can run. */
export function needsHostChoice(run: Pick<RunView, 'steps' | 'host'>): boolean {
  return run.host === null && run.steps.some((s) => s.kind === 'ssh' && s.host === null);
}

/** Keeps the newest `cap` characters of streamed output; the full text stays in the journal. */
export function appendTail(previous: string, chunk: string, cap = 64 * 1024): string {
  const text = previous + chunk;
  return text.length > cap ? text.slice(-cap) : text;
}

/** Long output shows its last `keep` lines with a count of the lines folded above them. */
export function foldOutput(text: string, keep = 30): { shown: string; hiddenLines: number } {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  if (lines.length <= keep) return { shown: text, hiddenLines: 0 };
  return { shown: lines.slice(-keep).join('\n'), hiddenLines: lines.length - keep };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** `0.4 s`, `12.3 s`, `2 min 05 s`: step durations are short and people compare them. */
export function stepDuration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
