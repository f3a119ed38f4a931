// The grouped alert list: one windowed list of group headers and alerts, driven from the keyboard.
// ↑/↓ or j/k move (the detail follows), ←/→ fold and unfold a group, Enter opens, a acknowledges (the whole
// group on its header), s silences, z snoozes, i opens an incident, / goes to the filter.
// The rows come from the core one window at a time (alerts:rows): rows outside it are blank until they arrive.
import { useEffect, type KeyboardEvent } from 'react';
import { groupTitle, type AlertItemRow, type AlertRowsPage } from '../../../preload/contract';
import { useRowWindow } from '../components/use-row-window';
import { alertActions, useAlerts } from './alerts-store';
import { matchersForAlert } from './logic/links';
import { relative } from './logic/time';
import { useNow } from '../incidents/use-now';

const rowHeight = 32;

function Badges({ row }: { row: AlertItemRow }) {
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

export function AlertList({ page, onFilter }: { page: AlertRowsPage; onFilter: () => void }) {
  const { cursorIndex, selected, setCursor, setRange, select, toggleGroup, setForm } = useAlerts();
  const now = useNow(15_000);
  const count = page.count;
  const rowAt = (i: number) => (i >= page.offset ? page.rows[i - page.offset] : undefined);
  const cursor = count ? Math.max(0, Math.min(count - 1, cursorIndex)) : -1;
  const { viewport, win, pageRows, reveal, onScroll } = useRowWindow(rowHeight, count);

  // Ask for the rows around the viewport (one screenful either side) once it leaves what was asked for.
  useEffect(() => {
    const { offset, limit } = useAlerts.getState().range;
    if (win.start >= offset && win.end <= offset + limit) return;
    const span = Math.max(1, win.end - win.start);
    setRange({ offset: Math.max(0, win.start - span), limit: Math.min(1000, 3 * span) });
  }, [win.start, win.end, setRange]);

  // The detail follows the cursor, a little behind it so holding ↓ does not fetch every alert passed.
  const cursorRow = rowAt(cursor);
  const cursorFp = cursorRow?.kind === 'alert' ? cursorRow.alert.fingerprint : null;
  useEffect(() => {
    if (!cursorFp || cursorFp === useAlerts.getState().selected) return;
    const t = setTimeout(() => select(cursorFp), 120);
    return () => clearTimeout(t);
  }, [cursorFp, select]);

  const moveTo = (index: number) => {
    if (count === 0) return;
    const next = Math.max(0, Math.min(count - 1, index));
    setCursor(rowAt(next)?.key ?? null, next);
    reveal(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const row = rowAt(cursor);
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
        moveTo(cursor + pageRows);
        break;
      case 'PageUp':
        moveTo(cursor - pageRows);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(count - 1);
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
      case 'a':
        if (row?.kind === 'group' && row.unacknowledged.length) void alertActions.ack(row.unacknowledged);
        else if (row?.kind === 'alert') void (row.alert.acknowledged ? alertActions.unack([row.alert.fingerprint]) : alertActions.ack([row.alert.fingerprint]));
        break;
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
    const row = rowAt(i);
    const style = { transform: `translateY(${i * rowHeight}px)`, height: rowHeight };
    const isCursor = i === cursor;
    if (!row) {
      items.push(<div key={`blank-${i}`} role="row" aria-rowindex={i + 1} aria-busy="true" className={`arow${isCursor ? ' cursor' : ''}`} style={style} />);
      continue;
    }
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
            setCursor(row.key, i);
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
          setCursor(row.key, i);
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
        aria-rowcount={count}
        tabIndex={0}
        data-testid="alert-list"
        onKeyDown={onKeyDown}
        onScroll={onScroll}
      >
        <div className="alist-spacer" style={{ height: count * rowHeight }}>
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
