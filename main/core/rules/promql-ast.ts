/** The parsed form of a PromQL expression (durations in ms). */
export interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export type Expr =
  | { t: 'number'; value: number }
  | { t: 'string'; value: string }
  | { t: 'selector'; name: string | null; matchers: Matcher[]; range: number | null; offset: number }
  | { t: 'subquery'; expr: Expr; range: number; step: number | null; offset: number }
  | { t: 'call'; fn: string; args: Expr[] }
  | { t: 'aggregate'; op: string; param: Expr | null; expr: Expr; by: string[] | null; without: string[] | null }
  | { t: 'binary'; op: string; lhs: Expr; rhs: Expr; returnBool: boolean; matching: { on: boolean; labels: string[]; card: 'one' | 'left' | 'right'; include: string[] } | null }
  | { t: 'negate'; expr: Expr };
