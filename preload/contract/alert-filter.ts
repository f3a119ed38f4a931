// The Alerts filter bar: Alertmanager matchers on labels (`severity=critical service=~api.*`), the same
// operators on a few status fields (state, source, acknowledged, silenced, ...), and bare words as text search.
// Label matchers reuse the contract's parser, so a silence built from the filter mutes exactly what it shows.
// Shared: the renderer parses it to name bad terms as you type, the core applies it to the list (alerts:rows).
import { matcherMatches, matchesAll, parseMatcher, type AlertView, type Matcher } from './alerts';

/** Status fields: these names test the alert's state in the console, not a label of that name. */
export const statusFields = ['state', 'source', 'priority', 'acknowledged', 'silenced', 'inhibited', 'snoozed', 'muted'] as const;
export type StatusField = (typeof statusFields)[number];

const booleanFields = new Set<StatusField>(['acknowledged', 'silenced', 'inhibited', 'snoozed', 'muted']);
const allowed: Partial<Record<StatusField, readonly string[]>> = {
  state: ['pending', 'firing', 'resolved'],
  source: ['probe', 'rule', 'prometheus', 'alertmanager', 'system'],
  priority: ['P1', 'P2', 'P3', 'P4'],
};
const truthy = new Set(['true', 'yes', '1', 'on']);
const falsy = new Set(['false', 'no', '0', 'off']);

export interface FilterError {
  term: string;
  /** 1-based column of the term in the filter text. */
  column: number;
  message: string;
}

export interface AlertFilter {
  labels: Matcher[];
  status: Matcher[];
  /** Lower-cased words that must all occur in the alert's name, summary, labels or source. */
  words: string[];
  errors: FilterError[];
}

interface Token {
  text: string;
  column: number;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === ',';
const endsWithOperator = (t: string) => /(=~|!~|!=|=)$/.test(t);

/**
 * Splits on spaces and commas outside quotes; `{…}` around the whole text (pasted from Alertmanager)
 * is dropped, and spaces around an operator (`severity = critical`) do not split a matcher.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let current = '';
  let start = 0;
  let quote: string | null = null;
  const src = text.replace(/^(\s*)\{/, '$1 ').replace(/\}(\s*)$/, ' $1');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      current += c;
      if (c === '\\' && quote === '"' && i + 1 < src.length) current += src[++i];
      else if (c === quote) quote = null;
      continue;
    }
    if (isSpace(c)) {
      if (!current) continue;
      let j = i;
      while (j < src.length && isSpace(src[j]!)) j++;
      const rest = src.slice(j);
      if (endsWithOperator(current) || (!/[=~]/.test(current) && /^(=~|!~|!=|=)/.test(rest))) {
        i = j - 1;
        continue;
      }
      tokens.push({ text: current, column: start + 1 });
      current = '';
      continue;
    }
    if (!current) start = i;
    if (c === '"' || c === "'") quote = c;
    current += c;
  }
  if (current) tokens.push({ text: current, column: start + 1 });
  return tokens;
}

const matcherStart = /^[A-Za-z_][A-Za-z0-9_]*\s*(=~|!~|!=|=)/;

export function parseFilter(text: string): AlertFilter {
  const filter: AlertFilter = { labels: [], status: [], words: [], errors: [] };
  for (const token of tokenize(text)) {
    if (!matcherStart.test(token.text)) {
      if (/^[=!~]/.test(token.text)) {
        filter.errors.push({ term: token.text, column: token.column, message: 'a matcher needs a label name before the operator, e.g. severity=critical' });
        continue;
      }
      const word = token.text.replace(/^["']|["']$/g, '').toLowerCase();
      if (word) filter.words.push(word);
      continue;
    }
    let matcher: Matcher;
    try {
      matcher = parseMatcher(token.text);
    } catch (err) {
      filter.errors.push({ term: token.text, column: token.column, message: (err as Error).message });
      continue;
    }
    const field = statusFields.find((f) => f === matcher.name);
    if (!field) {
      filter.labels.push(matcher);
      continue;
    }
    const checked = checkStatus(field, matcher);
    if (typeof checked === 'string') filter.errors.push({ term: token.text, column: token.column, message: checked });
    else filter.status.push(checked);
  }
  return filter;
}

/** Normalises `acknowledged=yes` to `true` and `priority=p1` to `P1`; rejects values that can never match. */
function checkStatus(field: StatusField, m: Matcher): Matcher | string {
  if (m.op === '=~' || m.op === '!~') return m;
  if (booleanFields.has(field)) {
    const v = m.value.toLowerCase();
    if (truthy.has(v)) return { ...m, value: 'true' };
    if (falsy.has(v)) return { ...m, value: 'false' };
    return `${field} is true or false, not "${m.value}"`;
  }
  const values = allowed[field] ?? [];
  const found = values.find((v) => v.toLowerCase() === m.value.toLowerCase());
  return found ? { ...m, value: found } : `${field} is one of ${values.join(', ')}, not "${m.value}"`;
}

/** The status fields of an alert as strings, so the same matcher code tests them. */
export function statusOf(a: AlertView): Record<StatusField, string> {
  const snoozed = a.snoozedUntil !== null;
  return {
    state: a.state,
    source: a.source,
    priority: a.priority,
    acknowledged: String(a.acknowledged),
    silenced: String(a.silenced),
    inhibited: String(a.inhibited),
    snoozed: String(snoozed),
    muted: String(a.silenced || a.inhibited || snoozed),
  };
}

function haystack(a: AlertView): string {
  return [a.annotations.summary ?? '', a.sourceName, ...Object.values(a.labels)].join('\n').toLowerCase();
}

export function isEmptyFilter(f: AlertFilter): boolean {
  return f.labels.length === 0 && f.status.length === 0 && f.words.length === 0;
}

export function matchesFilter(a: AlertView, f: AlertFilter): boolean {
  if (!matchesAll(f.labels, a.labels)) return false;
  if (f.status.length) {
    const status = statusOf(a);
    for (const m of f.status) if (!matcherMatches(m, status)) return false;
  }
  if (f.words.length) {
    const text = haystack(a);
    for (const w of f.words) if (!text.includes(w)) return false;
  }
  return true;
}
