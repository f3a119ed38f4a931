import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRulesFile } from '../../../main/core/rules/service';
import { parseRuleFile } from '../../../main/core/rules/parse';
import { checkPromql } from '../../../main/core/rules/promql/parser';
import { resourcesDir } from '../../../main/cli/paths';
import { invalidPromql, validPromql } from './promql-cases';

describe('checkPromql', () => {
  it.each(validPromql)('accepts %s', (expr) => {
    expect(checkPromql(expr)).toBeNull();
  });

  it.each(invalidPromql)('rejects %s', (expr, reason) => {
    expect(checkPromql(expr)).toBe(reason);
  });

  it('rejects an empty expression', () => {
    expect(checkPromql('  ')).toBe('no expression found in input');
  });

  it('is what rule files are checked with (file:line, rule and reason)', () => {
    const parsed = parseRuleFile('groups:\n- name: a\n  rules:\n  - alert: A\n    expr: sum(rate(x[5m])\n', 'r.yml');
    // At the expression's own line and column, where promtool points (test/integration/rules/promtool.test.ts).
    expect(parsed.errors).toEqual([{ file: 'r.yml', line: 5, column: 11, message: 'group "a", rule 1, "A": could not parse expression: 1:16: parse error: unclosed left parenthesis' }]);
  });

  it('accepts every expression of the built-in rule pack', () => {
    expect(parseRuleFile(readFileSync(builtinRulesFile(resourcesDir), 'utf8'), 'oncall-builtin.yml').errors).toEqual([]);
  });
});
