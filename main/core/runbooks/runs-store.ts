import type Database from 'better-sqlite3';
import type { RunStatus, StepStatus } from '../../../preload/contract';
import { withBusyRetry } from '../journal/write';

export interface RunRow {
  id: string;
  runbook_id: string;
  runbook_file: string;
  title: string;
  params: string;
  labels: string;
  host: string | null;
  incident_id: string | null;
  status: RunStatus;
  trigger: 'manual' | 'auto';
  current_step: number;
  started_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface StepResultRow {
  id: number;
  run_id: string;
  step_index: number;
  step_id: string;
  attempt: number;
  status: StepStatus;
  host: string | null;
  fingerprint: string | null;
  command: string | null;
  exit_code: number | null;
  duration_ms: number | null;
  reason: string | null;
  confirmation: string | null;
  output_tail: string;
  output_bytes: number;
  started_at: number;
  finished_at: number | null;
}

export type NewStepResult = Pick<StepResultRow, 'run_id' | 'step_index' | 'step_id' | 'status' | 'host' | 'command' | 'confirmation' | 'started_at'> &
  Partial<Pick<StepResultRow, 'reason' | 'finished_at' | 'duration_ms'>>;

/** The runs and step results tables (migration 30). Statements are prepared once. */
export class RunsStore {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      insertRun: db.prepare(
        `INSERT INTO runbook_runs (id, runbook_id, runbook_file, title, params, labels, host, incident_id, status, trigger, current_step, started_at, updated_at, finished_at)
         VALUES (@id, @runbook_id, @runbook_file, @title, @params, @labels, @host, @incident_id, @status, @trigger, @current_step, @started_at, @updated_at, @finished_at)`,
      ),
      updateRun: db.prepare(
        `UPDATE runbook_runs SET status = @status, current_step = @current_step, host = @host, params = @params, incident_id = @incident_id,
           updated_at = @updated_at, finished_at = @finished_at WHERE id = @id`,
      ),
      getRun: db.prepare('SELECT * FROM runbook_runs WHERE id = ?'),
      listRuns: db.prepare('SELECT * FROM runbook_runs ORDER BY updated_at DESC LIMIT ?'),
      listUnfinished: db.prepare("SELECT * FROM runbook_runs WHERE status IN ('active', 'paused') ORDER BY updated_at DESC"),
      nextAttempt: db.prepare('SELECT COALESCE(MAX(attempt), 0) + 1 AS n FROM runbook_step_results WHERE run_id = ? AND step_index = ?'),
      insertResult: db.prepare(
        `INSERT INTO runbook_step_results (run_id, step_index, step_id, attempt, status, host, command, confirmation, reason, started_at, finished_at, duration_ms)
         VALUES (@run_id, @step_index, @step_id, @attempt, @status, @host, @command, @confirmation, @reason, @started_at, @finished_at, @duration_ms)`,
      ),
      finishResult: db.prepare(
        `UPDATE runbook_step_results SET status = @status, fingerprint = @fingerprint, exit_code = @exit_code, duration_ms = @duration_ms, reason = @reason,
           output_tail = @output_tail, output_bytes = @output_bytes, finished_at = @finished_at WHERE id = @id`,
      ),
      setFingerprint: db.prepare('UPDATE runbook_step_results SET fingerprint = ?, host = ? WHERE id = ?'),
      results: db.prepare('SELECT * FROM runbook_step_results WHERE run_id = ? ORDER BY step_index, attempt'),
      interrupt: db.prepare("UPDATE runbook_step_results SET status = 'error', reason = 'interrupted: the app stopped while this step ran', finished_at = ? WHERE status = 'running'"),
      insertChunk: db.prepare('INSERT INTO runbook_step_output (result_id, seq, chunk) VALUES (?, ?, ?)'),
      chunks: db.prepare('SELECT chunk FROM runbook_step_output WHERE result_id = ? ORDER BY seq'),
      resultFor: db.prepare('SELECT * FROM runbook_step_results WHERE run_id = ? AND step_index = ? ORDER BY attempt DESC LIMIT 1'),
      resultForAttempt: db.prepare('SELECT * FROM runbook_step_results WHERE run_id = ? AND step_index = ? AND attempt = ?'),
    };
  }

  /**
   * Runs fn as one commit: the writes of one moment of a step (its result row, the run row, its
   * timeline entry) land together. The journal's own transactions nest inside as savepoints.
   */
  atomically<T>(fn: () => T): T {
    return withBusyRetry(() => this.db.transaction(fn).immediate());
  }

  insertRun(row: RunRow): void {
    this.s.insertRun.run(row);
  }

  updateRun(row: Pick<RunRow, 'id' | 'status' | 'current_step' | 'host' | 'params' | 'incident_id' | 'updated_at' | 'finished_at'>): void {
    this.s.updateRun.run(row);
  }

  getRun(id: string): RunRow | undefined {
    return this.s.getRun.get(id) as RunRow | undefined;
  }

  listRuns(limit = 50): RunRow[] {
    return this.s.listRuns.all(limit) as RunRow[];
  }

  unfinished(): RunRow[] {
    return this.s.listUnfinished.all() as RunRow[];
  }

  /** Inserts the next attempt of a step and returns its row id and attempt number. */
  startResult(row: NewStepResult): { id: number; attempt: number } {
    return this.db.transaction(() => {
      const { n } = this.s.nextAttempt.get(row.run_id, row.step_index) as { n: number };
      const info = this.s.insertResult.run({ reason: null, finished_at: null, duration_ms: null, ...row, attempt: n });
      return { id: Number(info.lastInsertRowid), attempt: n };
    })();
  }

  setFingerprint(id: number, fingerprint: string, host: string): void {
    this.s.setFingerprint.run(fingerprint, host, id);
  }

  finishResult(row: Pick<StepResultRow, 'id' | 'status' | 'fingerprint' | 'exit_code' | 'duration_ms' | 'reason' | 'output_tail' | 'output_bytes' | 'finished_at'>): void {
    this.s.finishResult.run(row);
  }

  results(runId: string): StepResultRow[] {
    return this.s.results.all(runId) as StepResultRow[];
  }

  latestResult(runId: string, stepIndex: number, attempt?: number): StepResultRow | undefined {
    return (attempt === undefined ? this.s.resultFor.get(runId, stepIndex) : this.s.resultForAttempt.get(runId, stepIndex, attempt)) as StepResultRow | undefined;
  }

  /** At start-up: a step that was running when the app stopped did not finish; say so. */
  markInterrupted(now: number): number {
    return this.s.interrupt.run(now).changes;
  }

  /** One small transaction per chunk, so a huge output never holds the write lock for long. */
  appendChunk(resultId: number, seq: number, chunk: Buffer): void {
    this.s.insertChunk.run(resultId, seq, chunk);
  }

  output(resultId: number): Buffer {
    return Buffer.concat((this.s.chunks.all(resultId) as { chunk: Buffer }[]).map((r) => r.chunk));
  }
}
