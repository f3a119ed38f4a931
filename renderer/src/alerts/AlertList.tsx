// The grouped alert list: one windowed list of group headers and alerts, driven from the keyboard.
// ↑/↓ or j/k move (the detail follows), ←/→ fold and unfold a group, Enter opens, a acknowledges (the whole
// group on its header), s silences, z snoozes, i opens an incident, / goes to the filter.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { rowWindow, scrollToReveal } from '../incidents/logic/virtual-window';
import { alertActions, useAlerts } from './alerts-store';
import { matchersForAlert } from './logic/links';
import { groupTitle, keepCursor, type ListRow } from './logic/rows';
import { relative } from './logic/time';
import { useNow } from '../incidents/use-now';

const rowHeight = 32;

function Badges({ row }: { row: Extract<ListRow, { kind: 'alert' }> }) {
  const a = row.alert;
  return (
    <span className="alert-badges">
      {a.acknowledged && <span className="tag">acked</span>}
      {a.silenced && <span className="tag">silenced</span>}
      {a.inhibited && <span className="tag">inhibited</span>}
      {a.snoozedUntil !== null && <span className="tag">snoozed</span>}
      {a.incidents.length > 0 && (
        <span className="tag warn" title={a.incidents.join(', ')}>
          incident{a.incidents.length > 1 ? ` ×${a.incidents.length}` : ''}
        </span>
      )}
    </span>
  );
}

export function AlertList({ rows, onFilter }: { rows: ListRow[]; onFilter: () => void }) {
  const { cursorKey, selected, setCursor, select, toggleGroup, setForm } = useAlerts();
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const lastIndex = useRef(0);
  const now = useNow(15_000);
  const cursor = keepCursor(rows, cursorKey, lastIndex.current);
  lastIndex.current = Math.max(0, cursor);
  const win = rowWindow(scrollTop, height, rowHeight, rows.length);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // The detail follows the cursor, a little behind it so holding ↓ does not fetch every alert passed.
  const cursorRow = rows[cursor];
  const cursorFp = cursorRow?.kind === 'alert' ? cursorRow.alert.fingerprint : null;
  useEffect(() => {
    if (!cursorFp || cursorFp === useAlerts.getState().selected) return;
    const t = setTimeout(() => select(cursorFp), 120);
    return () => clearTimeout(t);
  }, [cursorFp, select]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    const row = rows[next];
    if (!row) return;
    setCursor(row.key);
    const el = viewport.current;
    if (!el) return;
    const top = scrollToReveal(next, el.scrollTop, el.clientHeight, rowHeight);
    if (top !== null) el.scrollTop = top;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const row = rows[cursor];
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const groupAlerts = (key: string) => rows.filter((r): r is Extract<ListRow, { kind: 'alert' }> => r.kind === 'alert' && r.groupKey === key).map((r) => r.alert);
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        moveTo(cursor + 1);
        break;
      case 'ArrowUp':
      case 'k':
        moveTo(cursor - 1);
        break;
      case 'PageDown':
        moveTo(cursor + page);
        break;
      case 'PageUp':
        moveTo(cursor - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowLeft':
        if (row?.kind === 'group' && !row.collapsed) toggleGroup(row.key);
        else if (row?.kind === 'alert') {
          setCursor(row.groupKey);
          toggleGroup(row.groupKey);
        }
        break;
      case 'ArrowRight':
        if (row?.kind === 'group' && row.collapsed) toggleGroup(row.key);
        break;
      case 'Enter':
      case ' ':
        if (row?.kind === 'group') toggleGroup(row.key);
        else if (row) select(row.alert.fingerprint);
        break;
      case 'a': {
        const targets = row?.kind === 'group' ? groupAlerts(row.key).filter((a) => a.state === 'firing' && !a.acknowledged) : row ? [row.alert] : [];
        if (targets.length === 1 && targets[0]!.acknowledged) void alertActions.unack([targets[0]!.fingerprint]);
        else if (targets.length) void alertActions.ack(targets.map((a) => a.fingerprint));
        break;
      }
      case 's':
        if (row?.kind === 'alert') setForm({ kind: 'silence', matchers: matchersForAlert(row.alert) });
        else if (row?.kind === 'group') setForm({ kind: 'silence', matchers: matchersForAlert({ labels: row.labels }) });
        break;
      case 'z':
        if (row?.kind === 'alert') setForm({ kind: 'snooze' });
        break;
      case 'i':
        if (row?.kind === 'alert') setForm({ kind: 'incident' });
        break;
      case '/':
        onFilter();
        break;
      case 'Escape':
        select(null);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const items = [];
  for (let i = win.start; i < win.end; i++) {
    const row = rows[i]!;
    const style = { transform: `translateY(${i * rowHeight}px)`, height: rowHeight };
    const isCursor = i === cursor;
    if (row.kind === 'group') {
      items.push(
        <div
          key={row.key}
          role="row"
          aria-rowindex={i + 1}
          aria-expanded={!row.collapsed}
          aria-selected={isCursor}
          className={`arow agroup${isCursor ? ' cursor' : ''}`}
          style={style}
          data-testid="alert-group"
          data-group={row.key}
          onClick={() => {
            setCursor(row.key);
            toggleGroup(row.key);
          }}
        >
          <span className="fold" aria-hidden="true">
            {row.collapsed ? '▸' : '▾'}
          </span>
          <span className={`sev-badge sev-bg-${row.worst}`}>{row.worst}</span>
          <span className="agroup-title" title={`route ${row.routePath}`}>
            {groupTitle(row.labels)}
          </span>
          <span className="muted small">
            {row.shown} alert{row.shown === 1 ? '' : 's'}
            {row.firing ? `, ${row.firing} firing` : ''}
          </span>
        </div>,
      );
      continue;
    }
    const a = row.alert;
    items.push(
      <div
        key={row.key}
        role="row"
        aria-rowindex={i + 1}
        aria-selected={isCursor}
        className={`arow aalert${isCursor ? ' cursor' : ''}${a.fingerprint === selected ? ' open' : ''}${a.acknowledged || a.silenced || a.inhibited || a.snoozedUntil !== null ? ' quiet' : ''}`}
        style={style}
        data-testid="alert-row"
        data-fingerprint={a.fingerprint}
        data-state={a.state}
        onClick={() => {
          setCursor(row.key);
          select(a.fingerprint);
        }}
      >
        <span className={`sev-badge sev-bg-${a.priority}`}>{a.priority}</span>
        <span className={`astate state-${a.state}`}>{a.state}</span>
        <span className="aname">{a.labels.alertname ?? a.fingerprint}</span>
        <span className="asummary muted">{a.annotations.summary ?? Object.entries(a.labels).map(([k, v]) => `${k}=${v}`).join(' ')}</span>
        <Badges row={row} />
        <span className="asince muted small">{relative(a.firedAt ?? a.activeAt, now)}</span>
      </div>,
    );
  }

  return (
    <>
      <div
        ref={viewport}
        className="alist"
        role="grid"
        aria-label="Alerts by group"
        aria-rowcount={rows.length}
        tabIndex={0}
        data-testid="alert-list"
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="alist-spacer" style={{ height: rows.length * rowHeight }}>
          {items}
        </div>
      </div>
      <p className="muted small key-hint">
        <kbd>↑</kbd>/<kbd>↓</kbd> move · <kbd>←</kbd>/<kbd>→</kbd> fold · <kbd>a</kbd> acknowledge (a group header: all of it) · <kbd>z</kbd> snooze · <kbd>s</kbd> silence · <kbd>i</kbd> incident ·{' '}
        <kbd>/</kbd> filter · <kbd>Esc</kbd> close
      </p>
    </>
  );
}
