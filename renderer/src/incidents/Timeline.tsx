import { useEffect, useMemo } from 'react';
import type { TimelineEntry } from '../../../preload/contract';
import { groupTimeline } from './logic/timeline-groups';
import { TimelineEntryView } from './TimelineEntryView';

interface Props {
  entries: TimelineEntry[];
  total: number;
  focusId: string | null;
  onLoadOlder: () => void;
  onCorrect: (entry: TimelineEntry) => void;
}

export function Timeline({ entries, total, focusId, onLoadOlder, onCorrect }: Props) {
  const groups = useMemo(() => groupTimeline(entries), [entries]);

  useEffect(() => {
    if (focusId) document.getElementById(`entry-${focusId}`)?.scrollIntoView({ block: 'center' });
  }, [focusId, entries]);

  return (
    <section className="timeline" aria-label="Timeline">
      {total > entries.length && (
        <button type="button" className="link-button" onClick={onLoadOlder}>
          Show earlier entries ({(total - entries.length).toLocaleString('en')} more)
        </button>
      )}
      {groups.length === 0 && <p className="muted">Nothing written yet. Type below: Enter adds a note, /decision adds a decision.</p>}
      {groups.map((g) => (
        <div key={g.entry.id} className={`tl-group${g.corrections.length ? ' corrected' : ''}`}>
          <TimelineEntryView entry={g.entry} role={g.corrections.length ? 'superseded' : g.orphanCorrection ? 'correction' : 'entry'} focused={focusId === g.entry.id} onCorrect={onCorrect} />
          {g.corrections.map((c) => (
            <TimelineEntryView key={c.id} entry={c} role="correction" focused={focusId === c.id} onCorrect={onCorrect} />
          ))}
        </div>
      ))}
    </section>
  );
}
