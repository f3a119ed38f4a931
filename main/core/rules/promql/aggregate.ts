import type { Expr } from './ast';
import { formatFloatF, groupKey, keyOf, type Sample } from './values';

// PromQL aggregations with Prometheus 2.42's arithmetic and tie-breaking: promtool is compared
// with to the last digit, and topk/bottomk keep the samples its heap keeps.

const labelNameRe = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Go's heap (container/heap) over samples: `less` decides which sample sits on top. */
class GoHeap {
  constructor(
    readonly items: Sample[],
    private readonly less: (a: Sample, b: Sample) => boolean,
  ) {}

  private lessAt = (i: number, j: number) => this.less(this.items[i] as Sample, this.items[j] as Sample);

  private swap(i: number, j: number): void {
    [this.items[i], this.items[j]] = [this.items[j] as Sample, this.items[i] as Sample];
  }

  push(s: Sample): void {
    this.items.push(s);
    let j = this.items.length - 1;
    while (j > 0) {
      const parent = Math.trunc((j - 1) / 2);
      if (!this.lessAt(j, parent)) break;
      this.swap(parent, j);
      j = parent;
    }
  }

  pop(): void {
    const n = this.items.length - 1;
    this.swap(0, n);
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      let j = left;
      if (left + 1 < n && this.lessAt(left + 1, left)) j = left + 1;
      if (!this.lessAt(j, i)) break;
      this.swap(i, j);
      i = j;
    }
    this.items.pop();
  }

  /** sort.Sort(sort.Reverse(heap)): Go sorts up to 12 elements by insertion, so ties keep their order. */
  sortedReverse(): Sample[] {
    const a = this.items;
    for (let i = 1; i < a.length; i++) for (let j = i; j > 0 && this.lessAt(j - 1, j); j--) this.swap(j, j - 1);
    return a;
  }
}

// vectorByValueHeap and vectorByReverseValueHeap: NaN is always "less", so it is dropped first.
const byValue = (a: Sample, b: Sample) => Number.isNaN(a.value) || a.value < b.value;
const byReverseValue = (a: Sample, b: Sample) => Number.isNaN(a.value) || a.value > b.value;

/** Prometheus's quantile(): linear interpolation between the two closest ranks. */
export function quantile(q: number, values: number[]): number {
  if (values.length === 0) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...values].sort((a, b) => (Number.isNaN(a) ? -1 : Number.isNaN(b) ? 1 : a - b));
  const n = sorted.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return (sorted[lower] as number) * (1 - weight) + (sorted[upper] as number) * weight;
}

/** Go's sort.Sort(sort.Reverse(h)) for sort() and sort_desc() (insertion sort: stable for ties). */
export function sortSamples(samples: Sample[], desc: boolean): Sample[] {
  return new GoHeap([...samples], desc ? byValue : byReverseValue).sortedReverse();
}

interface Group {
  labels: Record<string, string>;
  first: Sample;
  value: number;
  mean: number;
  count: number;
  heap: GoHeap | null;
  values: number[];
}

export function aggregate(expr: Extract<Expr, { t: 'aggregate' }>, samples: Sample[], param: number | string | null): Sample[] {
  const { op } = expr;
  let grouping = expr.by ?? expr.without ?? [];
  const without = expr.without !== null;
  let k = 0;
  if (op === 'topk' || op === 'bottomk') {
    const f = param as number;
    if (!Number.isFinite(f) || Math.abs(f) >= 2 ** 63) throw new Error(`Scalar value ${String(f)} overflows int64`);
    k = Math.trunc(f);
    if (k < 1) return [];
  }
  if (op === 'count_values') {
    if (!labelNameRe.test(param as string)) throw new Error(`invalid label name ${JSON.stringify(param)}`);
    if (!without) grouping = [...grouping, param as string];
  }
  const groups = new Map<string, Group>();
  for (const input of samples) {
    const s = op === 'count_values' ? { labels: { ...input.labels, [param as string]: formatFloatF(input.value) }, value: input.value } : input;
    const labels = without ? groupKey(s.labels, grouping, false) : groupKey(s.labels, grouping, true);
    const key = keyOf(labels);
    const g = groups.get(key);
    if (!g) {
      const heap = op === 'topk' ? new GoHeap([s], byValue) : op === 'bottomk' ? new GoHeap([s], byReverseValue) : null;
      groups.set(key, { labels, first: s, value: op === 'stddev' || op === 'stdvar' ? 0 : op === 'group' ? 1 : s.value, mean: s.value, count: 1, heap, values: [s.value] });
      continue;
    }
    g.count++;
    switch (op) {
      case 'sum':
        g.value += s.value;
        break;
      case 'avg':
        // Prometheus's incremental mean; an infinite mean stays unless NaN or the other infinity comes.
        if (isInf(g.mean) && ((isInf(s.value) && g.mean > 0 === s.value > 0) || Number.isFinite(s.value))) break;
        g.mean += s.value / g.count - g.mean / g.count;
        break;
      case 'max':
        if (g.value < s.value || Number.isNaN(g.value)) g.value = s.value;
        break;
      case 'min':
        if (g.value > s.value || Number.isNaN(g.value)) g.value = s.value;
        break;
      case 'stddev':
      case 'stdvar': {
        const delta = s.value - g.mean;
        g.mean += delta / g.count;
        g.value += delta * (s.value - g.mean);
        break;
      }
      case 'topk':
      case 'bottomk': {
        const heap = g.heap as GoHeap;
        const top = heap.items[0] as Sample;
        const better = op === 'topk' ? top.value < s.value : top.value > s.value;
        if (heap.items.length < k || better || Number.isNaN(top.value)) {
          if (heap.items.length === k) {
            if (k === 1) {
              heap.items[0] = s;
              break;
            }
            heap.pop();
          }
          heap.push(s);
        }
        break;
      }
      case 'quantile':
        g.values.push(s.value);
        break;
    }
  }
  const out: Sample[] = [];
  for (const g of groups.values()) {
    if (g.heap) {
      out.push(...g.heap.sortedReverse());
      continue;
    }
    const value: Record<string, () => number> = {
      avg: () => g.mean,
      count: () => g.count,
      count_values: () => g.count,
      stdvar: () => g.value / g.count,
      stddev: () => Math.sqrt(g.value / g.count),
      quantile: () => quantile(param as number, g.values),
    };
    out.push({ labels: g.labels, value: value[op]?.() ?? g.value });
  }
  return out;
}

const isInf = (v: number) => !Number.isFinite(v) && !Number.isNaN(v);
