import { describe, expect, it } from 'vitest';
import type { StepState, StepStatus } from '../../../preload/contract';
import {
  appendTail,
  confirmationOk,
  elapsedMs,
  foldOutput,
  formatBytes,
  isOpen,
  needsHostChoice,
  progressLabel,
  runLabel,
  settledCount,
  statusTone,
  stepDuration,
} from '../../../renderer/src/runbooks/logic/run-state';

function step(index: number, over: Partial<StepState> = {}): StepState {
  return {
    index,
    id: `s${index}`,
    title: `Step ${index}`,
    kind: 'ssh',
    description: '',
    command: 'true',
    host: 'app-1',
    needsConfirmation: false,
    confirmValue: null,
    readonly: false,
    auto: false,
    timeoutMs: null,
    checks: [],
    errors: [],
    status: 'pending',
    attempts: 0,
    exitCode: null,
    durationMs: null,
    fingerprint: null,
    reason: null,
    outputTail: '',
    outputBytes: 0,
    startedAt: null,
    ...over,
  };
}

describe('run view progress', () => {
  it('names the step to do next, and says so when every step is settled', () => {
    const steps = [step(0, { status: 'passed' }), step(1), step(2)];
    expect(progressLabel({ current: 1, steps, status: 'active' })).toBe('Step 2 of 3');
    expect(progressLabel({ current: 3, steps, status: 'finished' })).toBe('All 3 steps done');
  });

  it('counts passed, skipped and done steps as settled, never failed or cancelled ones', () => {
    const statuses: StepStatus[] = ['passed', 'skipped', 'done', 'failed', 'cancelled', 'timeout', 'error', 'running', 'pending'];
    expect(settledCount(statuses.map((status, i) => step(i, { status })))).toBe(3);
  });

  it('measures elapsed time up to now, or up to the end of a finished run', () => {
    expect(elapsedMs({ startedAt: 1_000, finishedAt: null }, 61_000)).toBe(60_000);
    expect(elapsedMs({ startedAt: 1_000, finishedAt: 11_000 }, 99_000)).toBe(10_000);
    expect(elapsedMs({ startedAt: 5_000, finishedAt: null }, 1_000)).toBe(0);
  });

  it('accepts actions only while the run is active or paused', () => {
    expect(isOpen({ status: 'active' })).toBe(true);
    expect(isOpen({ status: 'paused' })).toBe(true);
    expect(isOpen({ status: 'finished' })).toBe(false);
    expect(isOpen({ status: 'aborted' })).toBe(false);
  });

  it('colours verdicts by meaning', () => {
    expect(statusTone('passed')).toBe('ok');
    expect(statusTone('failed')).toBe('crit');
    expect(statusTone('timeout')).toBe('crit');
    expect(statusTone('cancelled')).toBe('warn');
    expect(statusTone('running')).toBe('active');
  });
});

describe('step actions', () => {
  it('offers Run first, Retry after an attempt that did not pass, Mark done for manual steps', () => {
    expect(runLabel(step(0))).toBe('Run');
    expect(runLabel(step(0, { attempts: 1, status: 'failed' }))).toBe('Retry');
    expect(runLabel(step(0, { attempts: 2, status: 'timeout' }))).toBe('Retry');
    expect(runLabel(step(0, { attempts: 1, status: 'running' }))).toBe('Run');
    expect(runLabel(step(0, { kind: 'manual' }))).toBe('Mark done');
  });

  it('needs the exact host or version typed for a dangerous step', () => {
    const dangerous = step(0, { needsConfirmation: true, confirmValue: 'app-1' });
    expect(confirmationOk(dangerous, '')).toBe(false);
    expect(confirmationOk(dangerous, 'app-2')).toBe(false);
    expect(confirmationOk(dangerous, ' app-1')).toBe(false);
    expect(confirmationOk(dangerous, 'app-1')).toBe(true);
    expect(confirmationOk(step(0, { needsConfirmation: true, confirmValue: null }), '')).toBe(false);
    expect(confirmationOk(step(0), '')).toBe(true);
  });

  it('asks for a host only when an ssh step has none and the run has none', () => {
    expect(needsHostChoice({ host: null, steps: [step(0, { host: null })] })).toBe(true);
    expect(needsHostChoice({ host: 'app-1', steps: [step(0, { host: null })] })).toBe(false);
    expect(needsHostChoice({ host: null, steps: [step(0, { kind: 'local', host: 'local' }), step(1)] })).toBe(false);
  });
});

describe('output', () => {
  it('keeps the newest characters of streamed output', () => {
    expect(appendTail('abc', 'def', 4)).toBe('cdef');
    expect(appendTail('ab', 'c', 4)).toBe('abc');
  });

  it('folds long output to its last lines and counts what is folded', () => {
    const text = `${Array.from({ length: 42 }, (_, i) => `line ${i + 1}`).join('\n')}\n`;
    const folded = foldOutput(text, 30);
    expect(folded.hiddenLines).toBe(12);
    expect(folded.shown.split('\n')[0]).toBe('line 13');
    expect(folded.shown.endsWith('line 42')).toBe(true);
    expect(foldOutput('one\ntwo\n', 30)).toEqual({ shown: 'one\ntwo\n', hiddenLines: 0 });
  });

  it('formats sizes and step durations for people comparing runs', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50.0 MiB');
    expect(stepDuration(null)).toBe('–');
    expect(stepDuration(420)).toBe('0.4 s');
    expect(stepDuration(125_000)).toBe('2 min 05 s');
  });
});
