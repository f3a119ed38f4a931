// One timeline entry, by kind. Command output is folded: a runbook step can print thousands of lines.
import type { MouseEvent } from 'react';
import type { RunbookStepData, TimelineEntry } from '../../../preload/contract';
import { safeHref } from '../alerts/logic/annotation-text';
import { call, face } from '../api/client';
import { TerminalEntry } from './TerminalEntry';
import { dateTime, decisionLine, hhmm, humanDuration, isDecisionData } from './logic/format';

const kindLabels: Record<TimelineEntry['kind'], string> = {
  note: 'note',
  decision: 'decision',
  status_change: 'status',
  role_change: 'role',
  alert_transition: 'alert',
  runbook_step: 'runbook',
  communication: 'comms',
  evidence: 'evidence',
  checklist: 'checklist',
  reminder: 'reminder',
  terminal: 'terminal',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

function openLink(e: MouseEvent<HTMLAnchorElement>, url: string) {
  // Electron denies window.open; the core opens http(s) links in the system browser instead.
  if (face === 'electron') {
    e.preventDefault();
    void call('app:open-external', { url }).catch(() => undefined);
  }
}

function Body({ entry }: { entry: TimelineEntry }) {
  const data = entry.data ?? {};
  switch (entry.kind) {
    case 'decision':
      return <span className="decision-line">{isDecisionData(entry.data) ? decisionLine(entry.at, entry.data) : entry.text}</span>;
    case 'status_change':
    case 'role_change': {
      // The core writes a readable sentence; fall back to the raw from -> to for entries without one.
      if (entry.text) return <span className="entry-text">{entry.text}</span>;
      const show = (v: unknown) => (typeof v === 'string' && v ? v : '–');
      return (
        <span>
          {show(data.from)} → <strong>{show(data.to)}</strong>
        </span>
      );
    }
    case 'runbook_step': {
      const d = data as RunbookStepData;
      const failed = typeof d.exitCode === 'number' && d.exitCode !== 0;
      return (
        <div className="runbook-step">
          <div>
            {entry.text}
            {d.command && (
              <>
                {' '}
                <code>{d.command}</code>
              </>
            )}
            {d.host && <span className="muted"> on {d.host}</span>}
            {typeof d.exitCode === 'number' && <span className={failed ? 'state-firing' : 'state-up'}> exit {d.exitCode}</span>}
            {d.outcome && <span className="muted"> {d.outcome}</span>}
            {d.durationMs !== undefined && <span className="muted"> · {humanDuration(d.durationMs)}</span>}
          </div>
          {d.output && (
            <details>
              <summary>Output ({d.output.split('\n').length.toLocaleString('en')} lines)</summary>
              <pre className="step-output">{d.output}</pre>
            </details>
          )}
        </div>
      );
    }
    case 'terminal':
      return <TerminalEntry entry={entry} />;
    case 'evidence': {
      const raw = str(data.url);
      // Entries can come from an imported file: only http(s) becomes a link, anything else stays text.
      const url = raw ? safeHref(raw) : null;
      return (
        <span>
          {raw && !url ? <code>{raw}</code> : null}
          {url ? (
            <a href={url} target="_blank" rel="noopener noreferrer" onClick={(e) => openLink(e, url)}>
              {url}
            </a>
          ) : null}
          {entry.text && <span className="entry-text"> {entry.text}</span>}
        </span>
      );
    }
    default:
      return <span className="entry-text">{entry.text}</span>;
  }
}

export function TimelineEntryView({ entry, role, focused, onCorrect }: { entry: TimelineEntry; role: 'entry' | 'superseded' | 'correction'; focused: boolean; onCorrect?: (entry: TimelineEntry) => void }) {
  return (
    <div id={`entry-${entry.id}`} className={`tl-entry kind-${entry.kind} ${role}${focused ? ' focused' : ''}`} data-testid="timeline-entry" data-kind={entry.kind}>
      <time className="tl-time" dateTime={new Date(entry.at).toISOString()} title={dateTime(entry.at)}>
        {hhmm(entry.at)}
      </time>
      <span className={`tl-kind kind-badge-${entry.kind}`}>{kindLabels[entry.kind]}</span>
      <div className="tl-body">
        {role === 'superseded' && <span className="tag">corrected below</span>}
        {role === 'correction' && <span className="tag warn">correction</span>}
        <Body entry={entry} />
        <span className="tl-author muted"> — {entry.author}</span>
      </div>
      {onCorrect && (entry.kind === 'note' || entry.kind === 'decision' || entry.kind === 'communication' || entry.kind === 'evidence') && (
        <button type="button" className="small tl-correct" onClick={() => onCorrect(entry)} aria-label={`Correct entry ${entry.seq}`}>
          Correct
        </button>
      )}
    </div>
  );
}
