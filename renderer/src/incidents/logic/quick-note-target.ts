// Which incident the quick-note window (the desktop's global shortcut) writes to. Pure, so the
// rule is unit-tested and documented in one place.
import type { IncidentSummary } from '../../../../preload/contract';

/** An incident touched within this long counts as "the one being worked on". */
export const recentMs = 30 * 60_000;

export type QuickNoteTarget =
  | { kind: 'none' }
  /** Written to without asking. */
  | { kind: 'bound'; incident: IncidentSummary }
  /** Several candidates: the engineer picks (the first is preselected, most recently updated). */
  | { kind: 'ask'; choices: IncidentSummary[] };

/**
 * One open incident: that one, however old. Several: the most recently updated one when it is the
 * only one updated in the last 30 minutes; otherwise (two being worked on at once, or none touched
 * lately) the window asks, most recently updated first, because a note on the wrong incident is
 * worse than one keystroke more. `open` are the open incidents in any order.
 */
export function quickNoteTarget(open: IncidentSummary[], now: number): QuickNoteTarget {
  if (open.length === 0) return { kind: 'none' };
  const byUpdate = [...open].sort((a, b) => b.updatedAt - a.updatedAt || b.startedAt - a.startedAt);
  if (byUpdate.length === 1) return { kind: 'bound', incident: byUpdate[0]! };
  const recent = byUpdate.filter((i) => now - i.updatedAt <= recentMs);
  if (recent.length === 1) return { kind: 'bound', incident: recent[0]! };
  return { kind: 'ask', choices: byUpdate };
}
