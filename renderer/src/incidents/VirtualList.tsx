// A windowed list with a fixed row height: only the rows in (and just around) the viewport exist in the
// DOM, so 50,000 rows cost the same to scroll as 50. Keyboard: arrows/PageUp/PageDown/Home/End move, Enter opens.
import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useRowWindow } from '../components/use-row-window';
import type { RowWindow } from './logic/virtual-window';

interface VirtualListProps {
  count: number;
  rowHeight: number;
  label: string;
  /** Renders row `index`; called only for rows in the window. */
  renderRow: (index: number) => ReactNode;
  /** Told whenever the rendered window changes (to fetch the data behind it). */
  onWindow?: (window: RowWindow) => void;
  onActivate?: (index: number) => void;
  testId?: string;
}

export function VirtualList({ count, rowHeight, label, renderRow, onWindow, onActivate, testId }: VirtualListProps) {
  const { viewport, win, pageRows, reveal, onScroll } = useRowWindow(rowHeight, count);
  const [active, setActive] = useState(0);

  useEffect(() => {
    onWindow?.(win);
    // Only the bounds matter; a new callback identity alone must not refetch.
  }, [win.start, win.end]);

  useEffect(() => {
    if (active >= count && count > 0) setActive(count - 1);
  }, [active, count]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    reveal(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowDown') moveTo(active + 1);
    else if (e.key === 'ArrowUp') moveTo(active - 1);
    else if (e.key === 'PageDown') moveTo(active + pageRows);
    else if (e.key === 'PageUp') moveTo(active - pageRows);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(count - 1);
    else if (e.key === 'Enter' && count > 0) onActivate?.(active);
    else return;
    e.preventDefault();
  };

  const rows: ReactNode[] = [];
  for (let i = win.start; i < win.end; i++) {
    rows.push(
      <div
        key={i}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={i === active}
        className={`vrow${i === active ? ' active' : ''}`}
        style={{ transform: `translateY(${i * rowHeight}px)`, height: rowHeight }}
        onClick={() => {
          setActive(i);
          onActivate?.(i);
        }}
      >
        {renderRow(i)}
      </div>,
    );
  }

  return (
    <div
      ref={viewport}
      className="vlist"
      role="rowgroup"
      aria-label={label}
      tabIndex={0}
      data-testid={testId}
      onKeyDown={onKeyDown}
      onScroll={onScroll}
    >
      <div className="vlist-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
