import { anchoredRe2, compileRe2, Re2SyntaxError, type Re2 } from './re2';

/**
 * Go's regexp package as Prometheus uses it (label matchers, label_replace, the templates'
 * `match` and `reReplaceAll`), on RE2 (re2.ts) so syntax and semantics are Go's; on top of it
 * Go's replacement-template rules (Regexp.Expand), which neither RE2 nor JavaScript share.
 */

/** Compiles like regexp.Compile; the error reads as Go's does (`regexp: Compile(...)`). */
function compile(pattern: string, anchored: boolean): Re2 {
  try {
    return anchored ? anchoredRe2(pattern) : compileRe2(pattern);
  } catch (err) {
    if (err instanceof Re2SyntaxError) throw new Error(`regexp: Compile(${JSON.stringify(anchored ? `^(?:${pattern})$` : pattern)}): ${err.message}`);
    throw err;
  }
}

/** regexp.MatchString: whether `pattern` matches anywhere in `text`. */
export function goMatch(pattern: string, text: string): boolean {
  return compile(pattern, false).test(text);
}

/** A label matcher's test: the whole value against `^(?:pattern)$`. */
export function goMatchAnchored(pattern: string, text: string): boolean {
  return compile(pattern, true).testExact(text);
}

/** Throws the Go error text when `pattern` is no valid RE2 (as regexp.Compile). */
export function checkGoRegexp(pattern: string): void {
  compile(pattern, true);
}

interface Match {
  /** Start and end of each group (-1 when it did not take part), group 0 first. */
  bounds: number[];
  names: Record<string, number>;
}

/** Go's Regexp.Expand: `$1x` is the group named "1x" (empty), `${1}x` is group 1 then x, `$$` is `$`. */
function expand(template: string, text: string, match: Match): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i] as string;
    if (c !== '$') {
      out += c;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    const braced = template[i + 1] === '{';
    const nameStart = i + (braced ? 2 : 1);
    let end = nameStart;
    while (end < template.length && /[\p{L}\p{Nd}_]/u.test(template[end] as string)) end++;
    const name = template.slice(nameStart, end);
    // Malformed (`$` alone, `${` unclosed, `${a-b}`): the `$` is plain text.
    if (name === '' || (braced && template[end] !== '}')) {
      out += '$';
      continue;
    }
    i = braced ? end : end - 1;
    // A number names a group by index, except with a leading zero ("01" is a name).
    const index = /^\d+$/.test(name) && !(name.length > 1 && name[0] === '0') ? Number(name) : match.names[name];
    if (index === undefined) continue;
    const from = match.bounds[2 * index] ?? -1;
    if (from >= 0) out += text.slice(from, match.bounds[2 * index + 1]);
  }
  return out;
}

function boundsOf(m: ReturnType<Re2['matcher']>): number[] {
  const bounds: number[] = [];
  for (let g = 0; g <= m.groupCount(); g++) bounds.push(m.start(g), m.end(g));
  return bounds;
}

/** Regexp.ReplaceAllString: every leftmost match replaced by the expanded template. */
export function reReplaceAll(pattern: string, replacement: string, text: string): string {
  const re = compile(pattern, false);
  const names = re.namedGroups();
  const m = re.matcher(text);
  let out = '';
  let lastEnd = 0;
  let search = 0;
  while (search <= text.length && m.find(search)) {
    const start = m.start();
    const end = m.end();
    out += text.slice(lastEnd, start);
    // Go skips an empty match right after the previous match (no double replacement).
    if (end > lastEnd || start === 0) out += expand(replacement, text, { bounds: boundsOf(m), names });
    lastEnd = end;
    const width = (text.codePointAt(search) ?? 0) > 0xffff ? 2 : 1;
    search = search + width > end ? search + width : end;
  }
  return out + text.slice(lastEnd);
}

/**
 * label_replace's rewrite: when the anchored regex matches `text`, the expanded template (Go's
 * FindStringSubmatchIndex + ExpandString); otherwise null (the label stays as it was).
 */
export function anchoredReplace(pattern: string, replacement: string, text: string): string | null {
  const re = compile(pattern, true);
  const m = re.matcher(text);
  if (!m.matches()) return null;
  return expand(replacement, text, { bounds: boundsOf(m), names: re.namedGroups() });
}
