/** The parsed form of a PromQL expression (durations in ms). */
export interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** An `@` modifier: an absolute time in ms, or the query's start/end (one instant for rules). */
export type At = number | 'start' | 'end' | null;

export type Expr =
  | { t: 'number'; value: number }
  | { t: 'string'; value: string }
  | { t: 'selector'; name: string | null; matchers: Matcher[]; range: number | null; offset: number; at: At }
  | { t: 'subquery'; expr: Expr; range: number; step: number | null; offset: number; at: At }
  | { t: 'call'; fn: string; args: Expr[] }
  | { t: 'aggregate'; op: string; param: Expr | null; expr: Expr; by: string[] | null; without: string[] | null }
  | { t: 'binary'; op: string; lhs: Expr; rhs: Expr; returnBool: boolean; matching: { on: boolean; labels: string[]; card: 'one' | 'left' | 'right'; include: string[] } | null }
  | { t: 'negate'; expr: Expr };
