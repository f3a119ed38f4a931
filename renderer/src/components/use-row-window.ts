// The scrolling half of a fixed-row-height windowed list: tracks the viewport's scroll position and
// height, says which rows to render, and scrolls a row into view for keyboard moves. What a row is, and
// which keys do what, stays with each list.
import { useLayoutEffect, useRef, useState, type UIEvent } from 'react';
import { rowWindow, scrollToReveal } from '../incidents/logic/virtual-window';

export function useRowWindow(rowHeight: number, count: number) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  /** Scrolls just enough to show row `index` whole. */
  const reveal = (index: number) => {
    const el = viewport.current;
    if (!el) return;
    const top = scrollToReveal(index, el.scrollTop, el.clientHeight, rowHeight);
    if (top !== null) el.scrollTop = top;
  };

  return {
    viewport,
    win: rowWindow(scrollTop, height, rowHeight, count),
    /** Rows PageUp/PageDown move: a screenful less one, so a row stays in view. */
    pageRows: Math.max(1, Math.floor(height / rowHeight) - 1),
    reveal,
    onScroll: (e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop),
  };
}
