import type { Matcher } from './ast';
import { keyOf, type Point, type Series } from './values';

/**
 * In-memory series for the evaluator, indexed by metric name and kept in the order Prometheus's
 * storage returns them (sorted by label set), so a selector looks at its own metric's series
 * only instead of filtering and sorting every series at every evaluation.
 */
export class SeriesStore {
  private readonly byKey = new Map<string, Series>();
  private readonly byName = new Map<string, Series[]>();
  private readonly unsorted = new Set<string>();
  private readonly sortKeys = new WeakMap<Series, string>();
  /** Grows with every new series, so a selector's matches can be cached until it changes. */
  version = 0;

  /** The series with exactly these labels, created (empty) when new. */
  series(labels: Record<string, string>): Series {
    const key = labelKey(labels);
    let found = this.byKey.get(key);
    if (!found) {
      found = { labels, points: [] };
      this.byKey.set(key, found);
      this.sortKeys.set(found, key);
      const name = labels.__name__ ?? '';
      const list = this.byName.get(name);
      if (list) list.push(found);
      else this.byName.set(name, [found]);
      this.unsorted.add(name);
      this.version++;
    }
    return found;
  }

  get(labels: Record<string, string>): Series | undefined {
    return this.byKey.get(labelKey(labels));
  }

  /** The series a selector may match, sorted: one metric's when `=` names it, else all of them. */
  candidates(name: string | null, matchers: readonly Matcher[]): readonly Series[] {
    const exact = name ?? matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
    if (exact !== undefined) return this.sorted(exact);
    return [...this.byName.keys()].sort().flatMap((n) => this.sorted(n)).sort((a, b) => this.compare(a, b));
  }

  private sorted(name: string): readonly Series[] {
    const list = this.byName.get(name);
    if (!list) return [];
    if (this.unsorted.delete(name)) list.sort((a, b) => this.compare(a, b));
    return list;
  }

  private compare(a: Series, b: Series): number {
    const x = this.sortKeys.get(a) ?? '';
    const y = this.sortKeys.get(b) ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  }
}

/** The storage's key of a label set (see keyOf). */
export const labelKey = keyOf;

export type { Point };
