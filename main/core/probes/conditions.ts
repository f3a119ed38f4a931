import { gatusPatternMatch, goFloatToInt64, goParseDuration, goParseFloat, goParseInt, goTrimSpace } from './go-text';
import { invalidSuffix, resolveSide, type ProbeFacts } from './placeholders';

export { type ProbeFacts } from './placeholders';

/**
 * Gatus conditions (`[STATUS] == 200`, `[BODY].checks.database == true`, `[RESPONSE_TIME] < 500`,
 * `[CERTIFICATE_EXPIRATION] > 168h`, `[BODY] == pat(*ok*)`, `len([BODY].items) > 0`,
 * `[STATUS] == any(200, 204)`), read exactly as Gatus reads them, because users bring theirs
 * unchanged. The operator must stand between spaces (`[STATUS]==200` is no condition), each side
 * resolves to text, `==`/`!=` compare text (or integers, `0x1 == 1`), and the ordering operators
 * compare int64s read from numbers or Go durations, with 0 for anything else.
 */

export type Operator = '==' | '!=' | '<=' | '>=' | '>' | '<';

export interface Condition {
  source: string;
  op: Operator;
  /** The two sides, trimmed, as written. */
  left: string;
  right: string;
}

export class ConditionError extends Error {
  constructor(
    readonly source: string,
    /** 1-based column of the problem. */
    readonly column: number,
    readonly reason: string,
  ) {
    super(`condition "${source}": ${reason} (column ${column})`);
    this.name = 'ConditionError';
  }
}

// Gatus tries the operators in this order and splits on the first that occurs, spaces included.
const operators: readonly Operator[] = ['==', '!=', '<=', '>=', '>', '<'];

export function parseCondition(source: string): Condition {
  for (const op of operators) {
    const parts = source.split(` ${op} `);
    if (parts.length < 2) continue;
    return { source, op, left: goTrimSpace(parts[0] ?? ''), right: goTrimSpace(parts[1] ?? '') };
  }
  const bare = /==|!=|<=|>=|[<>=]/.exec(source);
  const reason = bare
    ? `"${bare[0]}" needs a space on each side (Gatus reads "${source}" as no condition at all)`
    : 'expected an operator between spaces: " == ", " != ", " < ", " <= ", " > " or " >= "';
  throw new ConditionError(source, bare ? bare.index + 1 : source.length + 1, reason);
}

export interface ConditionResult {
  source: string;
  ok: boolean;
  /** e.g. `[STATUS] (503) == 200`, for alerts and the CLI. */
  detail: string;
}

export function evaluateCondition(c: Condition, facts: ProbeFacts): ConditionResult {
  const left = resolveSide(c.left, facts);
  const right = resolveSide(c.right, facts);
  let ok: boolean;
  let shown: [string, string] = [left, right];
  if (c.op === '==' || c.op === '!=') ok = isEqual(left, right) === (c.op === '==');
  else {
    const a = toInt64(left);
    const b = toInt64(right);
    ok = c.op === '<' ? a < b : c.op === '<=' ? a <= b : c.op === '>' ? a > b : a >= b;
    shown = [numericShown(c.left, left, a), numericShown(c.right, right, b)];
  }
  return { source: c.source, ok, detail: prettify(c, shown) };
}

function stripCall(text: string, name: string): string | null {
  return text.startsWith(`${name}(`) && text.endsWith(')') ? text.slice(name.length + 1, -1) : null;
}

/** Gatus's isEqual: pat() on either side, then any() on either side, then int64 or text equality. */
function isEqual(first: string, second: string): boolean {
  const firstPattern = stripCall(first, 'pat');
  const secondPattern = stripCall(second, 'pat');
  if (firstPattern !== null && secondPattern === null) return gatusPatternMatch(firstPattern, second);
  if (firstPattern === null && secondPattern !== null) return gatusPatternMatch(secondPattern, first);
  const firstAny = stripCall(firstPattern ?? first, 'any');
  const secondAny = stripCall(secondPattern ?? second, 'any');
  if (firstAny !== null && secondAny === null) return firstAny.split(',').some((o) => o.trim() === (secondPattern ?? second));
  if (firstAny === null && secondAny !== null) return secondAny.split(',').some((o) => o.trim() === (firstPattern ?? first));
  const a = goParseInt(firstPattern ?? first);
  const b = goParseInt(secondPattern ?? second);
  if (a !== null && b !== null) return a === b;
  return (firstPattern ?? first) === (secondPattern ?? second);
}

/** A non-zero Go duration in ms, else an int64, else a float truncated, else 0. */
function toInt64(text: string): bigint {
  const nanos = goParseDuration(text);
  if (nanos !== null && nanos !== 0n) return nanos / 1_000_000n;
  const int = goParseInt(text);
  if (int !== null) return int;
  const float = goParseFloat(text);
  return float === null ? 0n : goFloatToInt64(float);
}

/** A placeholder shows the number it was compared as; a literal (`500`, `1s`) shows as written. */
function numericShown(written: string, resolved: string, value: bigint): string {
  return resolved === written || resolved.endsWith(invalidSuffix) ? resolved : String(value);
}

/** `side (value)` where a side resolved to something else, as Gatus shows failed conditions. */
function prettify(c: Condition, [left, right]: [string, string]): string {
  const side = (written: string, resolved: string, other: string): string => {
    if (resolved === `${written} ${invalidSuffix}`) return resolved;
    if (resolved === written) return written;
    const truncated = stripCall(other, 'pat') !== null && resolved.length > 25 ? `${resolved.slice(0, 25)}...(truncated)` : resolved;
    return `${written} (${truncated})`;
  };
  return `${side(c.left, left, c.right)} ${c.op} ${side(c.right, right, c.left)}`;
}
