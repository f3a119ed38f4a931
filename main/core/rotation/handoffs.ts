import { randomBytes } from 'node:crypto';
import type { Handoff, HandoffReport, WhoReport } from '../../../preload/contract/rotation';
import type { Db } from '../journal';
import { AppError } from '../shared/errors';
import type { RotationConfig } from './config';
import { draftHandoff } from './handoff-draft';
import { defaultMe, sameMember } from './who';
import { machineTimeZone } from './zoned';

const day = 86_400_000;

/**
 * The shift a handoff covers: the outgoing member's current shift up to now when the rotation has
 * them on call, otherwise the last 24 hours; `since`/`until` override either end.
 */
export function handoffWindow(rotation: RotationConfig | undefined, who: WhoReport | null, now: number, asked: { since?: number; until?: number }): { from: number; to: number; outgoing: string; incoming: string | null; timeZone: string } {
  const outgoing = who?.me ?? (rotation ? defaultMe(rotation) : defaultMe({ layers: [], overrides: [], feeds: [], offCall: { notify: ['P1'] } }));
  const mine = who?.layers.find((l) => l.now.some((s) => sameMember(s.member, outgoing)));
  const shift = mine?.now.find((s) => sameMember(s.member, outgoing));
  const to = asked.until ?? now;
  const from = asked.since ?? (shift ? shift.start : to - day);
  if (from >= to) throw new AppError('invalid_input', 'the handoff window is empty: --since must be before --until');
  return { from, to, outgoing, incoming: mine?.next?.member ?? null, timeZone: who?.timeZone ?? rotation?.timezone ?? machineTimeZone() };
}

interface Row {
  id: string;
  report: string;
  notes: string;
  created_at: number;
  received_by: string | null;
  received_at: number | null;
}

const toHandoff = (r: Row): Handoff => ({ id: r.id, report: JSON.parse(r.report) as HandoffReport, notes: r.notes, createdAt: r.created_at, receivedBy: r.received_by, receivedAt: r.received_at });

/** Handoffs as journaled: handed over with the outgoing engineer's notes, then received once. */
export class HandoffStore {
  constructor(private readonly db: Db) {}

  draft(window: Parameters<typeof draftHandoff>[1]): HandoffReport {
    return draftHandoff(this.db, window);
  }

  send(report: HandoffReport, notes: string, now: number): Handoff {
    const id = `HO-${new Date(now).toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;
    this.db
      .prepare(`INSERT INTO handoffs (id, from_member, to_member, shift_start, shift_end, report, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, report.outgoing, report.incoming, report.from, report.to, JSON.stringify(report), notes.trim(), now);
    return this.get(id);
  }

  /** The incoming engineer acknowledges receipt: the given handoff, or the latest one not yet received. */
  receive(id: string | undefined, by: string, now: number): Handoff {
    const row = (id ? this.db.prepare(`SELECT * FROM handoffs WHERE id = ?`).get(id) : this.db.prepare(`SELECT * FROM handoffs WHERE received_at IS NULL ORDER BY created_at DESC LIMIT 1`).get()) as Row | undefined;
    if (!row) throw new AppError('not_found', id ? `no handoff ${id} in this journal` : 'there is no handoff waiting to be received (see oncall handoff list)');
    if (row.received_at !== null) throw new AppError('conflict', `handoff ${row.id} was already received by ${row.received_by ?? 'someone'} at ${new Date(row.received_at).toISOString()}`);
    this.db.prepare(`UPDATE handoffs SET received_by = ?, received_at = ? WHERE id = ?`).run(by, now, row.id);
    return this.get(row.id);
  }

  get(id: string): Handoff {
    const row = this.db.prepare(`SELECT * FROM handoffs WHERE id = ?`).get(id) as Row | undefined;
    if (!row) throw new AppError('not_found', `no handoff ${id} in this journal`);
    return toHandoff(row);
  }

  list(limit = 20): Handoff[] {
    return (this.db.prepare(`SELECT * FROM handoffs ORDER BY created_at DESC LIMIT ?`).all(limit) as Row[]).map(toHandoff);
  }
}
