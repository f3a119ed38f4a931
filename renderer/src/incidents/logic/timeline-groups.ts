// Entries are never edited in place: a correction is a new entry with `supersedes`. The timeline shows
// each original with its corrections right beside it, so readers see both what was written and what replaced it.
import type { TimelineEntry } from '../../../../preload/contract';

export interface TimelineGroup {
  entry: TimelineEntry;
  /** Corrections of this entry (and of its corrections), oldest first. */
  corrections: TimelineEntry[];
  /** True when this entry corrects one that is not loaded (older page). */
  orphanCorrection: boolean;
}

export function groupTimeline(entries: readonly TimelineEntry[]): TimelineGroup[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const rootOf = (e: TimelineEntry): TimelineEntry => {
    let current = e;
    const seen = new Set<string>();
    while (current.supersedes && byId.has(current.supersedes) && !seen.has(current.id)) {
      seen.add(current.id);
      current = byId.get(current.supersedes)!;
    }
    return current;
  };
  const groups = new Map<string, TimelineGroup>();
  const order: TimelineGroup[] = [];
  for (const e of entries) {
    const root = rootOf(e);
    if (root.id === e.id) {
      const group = { entry: e, corrections: [], orphanCorrection: !!e.supersedes };
      groups.set(e.id, group);
      order.push(group);
    } else {
      groups.get(root.id)?.corrections.push(e);
    }
  }
  return order;
}
