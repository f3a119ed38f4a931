// The PromQL engine's public face: parse an expression, check it, evaluate it over in-memory series
// (promtool's unit tests, `rules eval`). Everything else in this folder is its inside.
export { checkPromql, parsePromql } from './parser';
export { evaluate, type EvalOptions, type SubqueryMemo, type Point, type Sample, type Series, type Value } from './eval';
export { PromqlError } from './lexer';
export { labelKey, SeriesStore } from './storage';
export type { Expr } from './ast';
export { formatPromDuration, parsePromDuration } from './duration';
