import type { RuleInfo } from '../../../preload/contract';
/**
 * A rule file as Prometheus defines it (rulefmt), after parsing and validation. Durations in ms.
 * The same fields the contract reports per rule, minus the evaluation state.
 */
export type RuleDef = Pick<RuleInfo, 'kind' | 'name' | 'expr' | 'for' | 'keepFiringFor' | 'labels' | 'annotations' | 'line'>;

export interface RuleGroupDef {
  name: string;
  file: string;
  /** null: the evaluator's default interval. */
  interval: number | null;
  /** 0: no limit on alerts per rule. */
  limit: number;
  /** How far back the group queries (Prometheus 2.53+ `query_offset`). */
  queryOffset: number;
  rules: RuleDef[];
  line: number;
}

export interface RuleFileProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface ParsedRuleFile {
  file: string;
  groups: RuleGroupDef[];
  /** Non-empty means the whole file is rejected; other files keep running. */
  errors: RuleFileProblem[];
}
