// One uPlot chart bound to a host element: created once with its options, resized with the element,
// destroyed on unmount; only its data is replaced afterwards (uPlot redraws 100,000 points in a few ms).
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Reads a theme colour from the stylesheet's custom properties, so charts follow light/dark. */
export type ThemeColor = (name: string, fallback: string) => string;

interface ChartShape {
  height: number;
  /** Width to start with while the host has not been laid out yet. */
  fallbackWidth: number;
  /** Everything but the size; called once, on mount. */
  options: (color: ThemeColor) => Omit<uPlot.Options, 'width' | 'height'>;
}

/** Returns the ref for the host element; `data` is set whenever its identity changes. */
export function useUPlot({ height, fallbackWidth, options }: ChartShape, data: uPlot.AlignedData) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const css = getComputedStyle(document.documentElement);
    const color: ThemeColor = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
    const opts: uPlot.Options = { width: el.clientWidth || fallbackWidth, height, ...options(color) };
    plot.current = new uPlot(opts, opts.series.map(() => []) as unknown as uPlot.AlignedData, el);
    const observer = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth, height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // The chart is built once: its shape is fixed per component.
  }, []);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return host;
}
