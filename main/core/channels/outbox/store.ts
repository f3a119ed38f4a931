import type Database from 'better-sqlite3';
import type { OutboxAttempt, OutboxDelivery, OutboxState } from '../../../../preload/contract/outbox';
import { outboxStates } from '../../../../preload/contract/outbox';
import { AppError } from '../../shared/errors';
import type { IntegrationRef, OutboxPort, OutgoingMessage } from '../message';
import { deliveryKey, newMessageId } from './ids';
import { summarize } from './summary';

/** The states a delivery is still on its way in: the worker's lines consist of these. */
export const openStates: readonly OutboxState[] = ['pending', 'sending', 'failed-retrying'];

/** Longest server answer kept per attempt: enough to read an error page's first lines. */
export const answerLimit = 500;

export interface DeliveryRow {
  seq: number;
  key: string;
  message_id: string;
  receiver: string;
  integration_kind: string;
  integration_index: number;
  line: string;
  state: OutboxState;
  created_at: number;
  updated_at: number;
  next_at: number;
  attempts: number;
  last_status: number | null;
  last_answer: string | null;
  reason: string | null;
}

interface MessageRow {
  id: string;
  created_at: number;
  receiver: string;
  incident_id: string | null;
  kind: string;
  payload: string;
}

export interface OutboxStoreDeps {
  now(): number;
  /** The integrations of a receiver the console can deliver to (none: nothing is queued for it). */
  integrationsOf(receiver: string): readonly IntegrationRef[];
  /** Called after enqueue, synchronously; the worker defers its reaction until the caller's transaction is over. */
  onEnqueue?(): void;
}

export function lineOf(ref: IntegrationRef): string {
  return `${ref.receiver}\u0000${ref.kind}\u0000${ref.index}`;
}

export function truncateAnswer(text: string): string {
  return text.length <= answerLimit ? text : `${text.slice(0, answerLimit - 1)}…`;
}

/**
 * The outbox's rows (outbox_messages, outbox_deliveries, outbox_attempts), on the journal's own
 * connection. `enqueue` is synchronous and opens no transaction of its own when one is already
 * open, so a caller inside `journal.write(...)` queues its message in the same commit as the
 * event that caused it.
 */
export class OutboxStore implements OutboxPort {
  private readonly insertMessage: Database.Statement;
  private readonly insertDelivery: Database.Statement;
  private readonly byKey: Database.Statement;
  private readonly bySeq: Database.Statement;
  private readonly messageById: Database.Statement;
  private readonly headsQuery: Database.Statement;
  private readonly insertAttempt: Database.Statement;
  private readonly finishAttempt: Database.Statement;
  private readonly update: Database.Statement;

  constructor(
    readonly db: Database.Database,
    private readonly deps: OutboxStoreDeps,
  ) {
    this.insertMessage = db.prepare('INSERT INTO outbox_messages (id, created_at, receiver, incident_id, kind, payload) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertDelivery = db.prepare(
      `INSERT INTO outbox_deliveries (key, message_id, receiver, integration_kind, integration_index, line, state, created_at, updated_at, next_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
    );
    this.byKey = db.prepare('SELECT * FROM outbox_deliveries WHERE key = ?');
    this.bySeq = db.prepare('SELECT * FROM outbox_deliveries WHERE seq = ?');
    this.messageById = db.prepare('SELECT * FROM outbox_messages WHERE id = ?');
    // The first unfinished delivery of every line: nothing behind it may go before it does.
    this.headsQuery = db.prepare(
      `SELECT d.* FROM (SELECT MIN(seq) AS seq FROM outbox_deliveries WHERE state IN ('pending', 'sending', 'failed-retrying') GROUP BY line) h
       JOIN outbox_deliveries d ON d.seq = h.seq ORDER BY d.next_at, d.seq`,
    );
    this.insertAttempt = db.prepare("INSERT INTO outbox_attempts (delivery_seq, n, started_at, result) VALUES (?, ?, ?, 'sending')");
    this.finishAttempt = db.prepare('UPDATE outbox_attempts SET finished_at = ?, result = ?, status = ?, answer = ? WHERE delivery_seq = ? AND n = ?');
    this.update = db.prepare(
      'UPDATE outbox_deliveries SET state = @state, updated_at = @now, next_at = @nextAt, attempts = @attempts, last_status = @status, last_answer = @answer, reason = @reason WHERE seq = @seq',
    );
  }

  enqueue(input: { receiver: string; message: OutgoingMessage; incidentId?: string }): string {
    return this.enqueueTo(this.deps.integrationsOf(input.receiver), input);
  }

  /** Queues the message for the given integrations only (the alert router decides per integration). */
  enqueueTo(targets: readonly IntegrationRef[], input: { receiver: string; message: OutgoingMessage; incidentId?: string }): string {
    const now = this.deps.now();
    const id = newMessageId(now);
    const incidentId = input.incidentId ?? (input.message.kind === 'text' ? input.message.message.incidentId : undefined) ?? null;
    const write = () => {
      this.insertMessage.run(id, now, input.receiver, incidentId, input.message.kind, JSON.stringify(input.message));
      for (const t of targets) this.insertDelivery.run(deliveryKey(id, t.kind, t.index), id, t.receiver, t.kind, t.index, lineOf(t), now, now, now);
    };
    // Inside the caller's transaction, its commit is ours; otherwise one of our own, so the message
    // and its deliveries land together.
    if (this.db.inTransaction) write();
    else this.db.transaction(write).immediate();
    this.deps.onEnqueue?.();
    return id;
  }

  /** The head of every line (its oldest unfinished delivery), soonest due first. */
  heads(): DeliveryRow[] {
    return this.headsQuery.all() as DeliveryRow[];
  }

  row(seq: number): DeliveryRow | undefined {
    return this.bySeq.get(seq) as DeliveryRow | undefined;
  }

  rowByKey(key: string): DeliveryRow {
    const row = this.byKey.get(key) as DeliveryRow | undefined;
    if (!row) throw new AppError('not_found', `no outbox delivery ${key}`);
    return row;
  }

  message(messageId: string): { message: OutgoingMessage; incidentId: string | null } {
    const row = this.messageById.get(messageId) as MessageRow | undefined;
    if (!row) throw new AppError('not_found', `no outbox message ${messageId}`);
    return { message: JSON.parse(row.payload) as OutgoingMessage, incidentId: row.incident_id };
  }

  /**
   * Marks the delivery `sending` and opens its attempt, in one committed write, before anything
   * goes on the wire: a crash after this point leaves a row that says "maybe sent".
   */
  beginAttempt(seq: number): { n: number } {
    const now = this.deps.now();
    return this.db
      .transaction(() => {
        const row = this.row(seq);
        if (!row || !openStates.includes(row.state)) throw new AppError('conflict', `delivery ${seq} is no longer open`);
        const n = row.attempts + 1;
        this.insertAttempt.run(seq, n, now);
        this.set(row, { state: 'sending', attempts: n, nextAt: row.next_at });
        return { n };
      })
      .immediate();
  }

  /** Records an attempt's outcome and the delivery's next state in one write. */
  endAttempt(seq: number, n: number, outcome: { ok: boolean; status?: number; answer: string }, next: { state: OutboxState; nextAt: number; reason?: string | null }): DeliveryRow {
    const now = this.deps.now();
    const answer = truncateAnswer(outcome.answer);
    return this.db
      .transaction(() => {
        this.finishAttempt.run(now, outcome.ok ? 'ok' : 'failed', outcome.status ?? null, answer, seq, n);
        const row = this.row(seq)!;
        // Discarded while on the wire: a success is still the truth, a failure leaves it discarded.
        const state = row.state === 'discarded' && !outcome.ok ? 'discarded' : next.state;
        this.set(row, { state, nextAt: next.nextAt, status: outcome.status ?? null, answer, reason: state === 'discarded' ? row.reason : (next.reason ?? null) });
        return this.row(seq)!;
      })
      .immediate();
  }

  /**
   * After a restart: every delivery left `sending` may or may not have reached its server. Its
   * attempt is closed as interrupted and it goes out again now, under the same idempotency key.
   */
  recoverInterrupted(): DeliveryRow[] {
    const now = this.deps.now();
    return this.db
      .transaction(() => {
        const rows = this.db.prepare("SELECT * FROM outbox_deliveries WHERE state = 'sending'").all() as DeliveryRow[];
        for (const row of rows) {
          this.finishAttempt.run(now, 'interrupted', null, 'the console stopped before the server answered', row.seq, row.attempts);
          this.set(row, { state: 'failed-retrying', nextAt: now, answer: 'interrupted: the console stopped before the server answered' });
        }
        return rows;
      })
      .immediate();
  }

  /** Moves a waiting, failed or dead delivery to the front of its own time: due now. */
  retryNow(key: string): DeliveryRow {
    return this.db
      .transaction(() => {
        const row = this.rowByKey(key);
        if (row.state === 'sent' || row.state === 'discarded') throw new AppError('conflict', `delivery ${key} is ${row.state}; there is nothing to retry`);
        if (row.state === 'sending') return row;
        this.set(row, { state: row.state === 'dead' ? 'pending' : row.state, nextAt: this.deps.now(), reason: null });
        return this.rowByKey(key);
      })
      .immediate();
  }

  discard(key: string, reason: string): DeliveryRow {
    return this.db
      .transaction(() => {
        const row = this.rowByKey(key);
        if (row.state === 'sent' || row.state === 'discarded') throw new AppError('conflict', `delivery ${key} is ${row.state} and cannot be discarded`);
        // A discard while the send is on the wire still wins: its outcome is recorded but the state stays discarded.
        this.set(row, { state: 'discarded', nextAt: row.next_at, reason });
        return this.rowByKey(key);
      })
      .immediate();
  }

  /** Deliveries newest first, by state and receiver. */
  list(filter: { states?: readonly OutboxState[]; receiver?: string; limit: number }): DeliveryRow[] {
    const states = filter.states?.length ? filter.states : outboxStates;
    const marks = states.map(() => '?').join(', ');
    const receiver = filter.receiver === undefined ? '' : ' AND receiver = ?';
    const args: unknown[] = [...states, ...(filter.receiver === undefined ? [] : [filter.receiver]), filter.limit];
    return this.db.prepare(`SELECT * FROM outbox_deliveries WHERE state IN (${marks})${receiver} ORDER BY seq DESC LIMIT ?`).all(...args) as DeliveryRow[];
  }

  counts(): Record<OutboxState, number> {
    const out = Object.fromEntries(outboxStates.map((s) => [s, 0])) as Record<OutboxState, number>;
    for (const r of this.db.prepare('SELECT state, COUNT(*) AS n FROM outbox_deliveries GROUP BY state').all() as { state: OutboxState; n: number }[]) out[r.state] = r.n;
    return out;
  }

  /** Receivers with dead deliveries, and how many: the local "undeliverable" alert is raised per receiver. */
  deadByReceiver(): Map<string, number> {
    const rows = this.db.prepare("SELECT receiver, COUNT(*) AS n FROM outbox_deliveries WHERE state = 'dead' GROUP BY receiver").all() as { receiver: string; n: number }[];
    return new Map(rows.map((r) => [r.receiver, r.n]));
  }

  attempts(seq: number): OutboxAttempt[] {
    const rows = this.db.prepare('SELECT * FROM outbox_attempts WHERE delivery_seq = ? ORDER BY n').all(seq) as {
      n: number;
      started_at: number;
      finished_at: number | null;
      result: OutboxAttempt['result'];
      status: number | null;
      answer: string | null;
    }[];
    return rows.map((r) => ({ n: r.n, startedAt: r.started_at, finishedAt: r.finished_at, result: r.result, status: r.status, answer: r.answer }));
  }

  toDelivery(row: DeliveryRow): OutboxDelivery {
    const { message, incidentId } = this.message(row.message_id);
    return {
      id: row.key,
      messageId: row.message_id,
      receiver: row.receiver,
      integration: `${row.integration_kind}[${row.integration_index}]`,
      state: row.state,
      summary: summarize(message),
      incidentId,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      nextAt: openStates.includes(row.state) ? row.next_at : null,
      attempts: row.attempts,
      lastStatus: row.last_status,
      lastAnswer: row.last_answer,
      reason: row.reason,
    };
  }

  private set(row: DeliveryRow, change: { state: OutboxState; nextAt: number; attempts?: number; status?: number | null; answer?: string | null; reason?: string | null }): void {
    this.update.run({
      seq: row.seq,
      now: this.deps.now(),
      state: change.state,
      nextAt: change.nextAt,
      attempts: change.attempts ?? row.attempts,
      status: change.status === undefined ? row.last_status : change.status,
      answer: change.answer === undefined ? row.last_answer : change.answer,
      reason: change.reason === undefined ? row.reason : change.reason,
    });
  }
}
