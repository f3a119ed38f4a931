import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseRuleFile } from '../../../main/core/rules/parse';
import { decodeTestFile } from '../../../main/core/rules/unit-test-file';
import { parseSeriesValues } from '../../../main/core/rules/unit-test-series';
import { goDuration } from '../../../main/core/rules/unit-test-report';
import { anchoredReplace, goMatch, reReplaceAll } from '../../../main/core/shared/go-regexp';
import { indentQuotedContinuations, resolveGoYaml } from '../../../main/core/shared/go-yaml';

// What promtool 2.42 (Go's yaml, regexp and its series notation) does, case by case; the corpus
// differential test (test/integration/rules/promtool-corpus) checks the same against promtool itself.

describe('YAML as go-yaml reads it', () => {
  it('resolves aliases and merge keys, own keys winning, earlier merged maps first', () => {
    const doc = parseDocument('base: &b {severity: page, team: a}\nextra: &e {team: b, tier: 1}\nx:\n  <<: [*b, *e]\n  team: own\ny: *b\n');
    resolveGoYaml(doc);
    expect(doc.toJS()).toEqual({ base: { severity: 'page', team: 'a' }, extra: { team: 'b', tier: 1 }, x: { severity: 'page', team: 'own', tier: 1 }, y: { severity: 'page', team: 'a' } });
  });

  it('accepts a quoted scalar continued below its key, as go-yaml does, without changing its value', () => {
    const text = "- series: 'up{\n    job=\"a\"\n  }'\n  values: '1'\n";
    expect(parseDocument(text).errors.length).toBeGreaterThan(0);
    const doc = parseDocument(indentQuotedContinuations(text));
    expect(doc.errors).toEqual([]);
    expect(doc.toJS()).toEqual([{ series: 'up{ job="a" }', values: '1' }]);
  });

  it('parses rule files with merged labels', () => {
    const file = parseRuleFile('common: &c\n  labels: {team: sre}\ngroups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n    <<: *c\n', 'r.yml');
    // `common` is no rulefmt field: promtool rejects the file, and so must we.
    expect(file.errors[0]?.message).toContain('field common not found');
    const ok = parseRuleFile('groups:\n- name: g\n  rules:\n  - &a\n    alert: A\n    expr: up == 0\n    labels: {team: sre}\n  - <<: *a\n    alert: B\n', 'r.yml');
    expect(ok.errors).toEqual([]);
    expect(ok.groups[0]?.rules.map((r) => [r.name, r.labels.team])).toEqual([['A', 'sre'], ['B', 'sre']]);
  });
});

describe('promtool test files as yaml.v2 decodes them', () => {
  it('gives missing fields their zero values (eval_time 0s, values: null empty)', () => {
    const doc = decodeTestFile('tests:\n- input_series:\n  - series: up\n    values: null\n  promql_expr_test:\n  - expr: up\n    exp_samples:\n    - value: 1\n');
    expect(doc.evaluationInterval).toBe(0);
    expect(doc.tests[0]?.inputSeries[0]?.values).toBe('');
    expect(doc.tests[0]?.promqlExprTests[0]).toEqual({ expr: 'up', evalTime: 0, expSamples: [{ labels: '', value: 1 }] });
  });

  it('reports unknown fields with their lines, as UnmarshalStrict does', () => {
    expect(() => decodeTestFile('tests:\n- interval: 1m\n  start_timestamp: 0\n')).toThrow('yaml: unmarshal errors:\n  line 3: field start_timestamp not found in type main.testGroup');
  });
});

describe('series notation as Prometheus 2.42 expands it', () => {
  it('reads 0x720 as 0 repeated, never as hexadecimal', () => {
    const values = parseSeriesValues('0x720');
    expect(values).toHaveLength(721);
    expect(new Set(values)).toEqual(new Set([0]));
  });
  it('expands steps, blanks and stale markers', () => {
    expect(parseSeriesValues('1+1x2 _x2 -1-1x1 stale _ Inf')).toEqual([1, 2, 3, null, null, -1, -2, 'stale', null, Infinity]);
  });
  it('rejects values without a separating space', () => {
    expect(() => parseSeriesValues('1_')).toThrow();
  });
});

describe("Go's regexp on RE2", () => {
  it('takes inline flags anywhere, as RE2 does', () => {
    expect(goMatch('^a(?i)B$', 'ab')).toBe(true);
    expect(goMatch('^(?i)(core|edge).*', 'CORE-1')).toBe(true);
  });
  it('expands replacement templates by Go rules', () => {
    // `$1x` names a group "1x" (empty); `${1}x` is group 1 then x; an empty match after a match is skipped.
    expect(reReplaceAll('(a)(b)', '$1x-${1}x-$$', 'ab')).toBe('-ax-$');
    expect(reReplaceAll('a*', '-', 'baaac')).toBe('-b-c-');
    expect(anchoredReplace('(?P<host>[^:]+):\\d+', '$host', 'node1:9100')).toBe('node1');
    expect(anchoredReplace('x', 'y', 'ax')).toBeNull();
  });
});

describe('promtool output', () => {
  it("prints rule error times as Go's time.Duration", () => {
    expect([0, 60_000, 90_000, 3_600_000, 5_430_000].map(goDuration)).toEqual(['0s', '1m0s', '1m30s', '1h0m0s', '1h30m30s']);
  });
});
