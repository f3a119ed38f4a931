import { describe, expect, it } from 'vitest';
import { compareMatchers, formatAmMatchers, parseAmMatcher, parseAmMatchers } from '../../../main/core/alerts/am/matchers';
import { matchesAll, parseMatcher } from '../../../preload/contract';

describe("Alertmanager's matcher syntax (labels.ParseMatchers)", () => {
  it('takes several matchers per item, in braces or not, commas inside quotes kept', () => {
    expect(parseAmMatchers('{owner="team-A", env=~"prod|stage"}')).toEqual([
      { name: 'owner', op: '=', value: 'team-A' },
      { name: 'env', op: '=~', value: 'prod|stage' },
    ]);
    expect(parseAmMatchers('a="x,y",b!=z')).toEqual([
      { name: 'a', op: '=', value: 'x,y' },
      { name: 'b', op: '!=', value: 'z' },
    ]);
    // A trailing comma is dropped; an empty matcher between commas is an error.
    expect(parseAmMatchers('a=1,')).toEqual([{ name: 'a', op: '=', value: '1' }]);
    expect(() => parseAmMatchers('a=1,,b=2')).toThrow(/bad matcher format/);
  });

  it('unquoted values run to the end (spaces inside kept, outer spaces trimmed)', () => {
    expect(parseAmMatcher('  name = unquoted value  ')).toEqual({ name: 'name', op: '=', value: 'unquoted value' });
    // Single quotes are not quotes to Alertmanager.
    expect(parseAmMatcher("team='ops'")).toEqual({ name: 'team', op: '=', value: "'ops'" });
  });

  it('unescapes \\" \\\\ and \\n and keeps other backslashes; rejects a stray quote', () => {
    expect(parseAmMatcher(String.raw`msg="say \"hi\""`).value).toBe('say "hi"');
    expect(parseAmMatcher(String.raw`path=~"C:\\.*"`).value).toBe(String.raw`C:\.*`);
    expect(parseAmMatcher(String.raw`re=~"\d+\n"`).value).toBe('\\d+\n');
    expect(parseAmMatcher('x=ends\\').value).toBe('ends\\');
    expect(() => parseAmMatcher('foo=="bar"')).toThrow(/unescaped double quote/);
    expect(() => parseAmMatcher('x="open')).toThrow(/unescaped double quote/);
    expect(() => parseAmMatcher('x=~"("')).toThrow(/error parsing regexp/);
  });

  it('sorts and prints like labels.Matchers', () => {
    const ms = parseAmMatchers('{type!="hb",alertname!~"Inh.*",alertname!="Heartbeat",team="atlas"}').sort(compareMatchers);
    expect(formatAmMatchers(ms)).toBe('{alertname!="Heartbeat",alertname!~"Inh.*",team="atlas",type!="hb"}');
    expect(formatAmMatchers([{ name: 'a', op: '=', value: 'q"\\\n' }])).toBe('{a="q\\"\\\\\\n"}');
  });
});

describe('matcher regexes are RE2, anchored (routes, inhibitions, silences, filters)', () => {
  it('accepts Go-only syntax and refuses what RE2 lacks', () => {
    const ci = parseMatcher('team=~"(?i)ops"');
    expect(matchesAll([ci], { team: 'OPS' })).toBe(true);
    expect(matchesAll([ci], { team: 'devops' })).toBe(false);
    expect(matchesAll([parseMatcher('x=~"\\\\pL+"')], { x: 'été' })).toBe(true);
    // RE2 has no lookahead or backreferences: Alertmanager refuses them, so do we.
    expect(() => parseMatcher('x=~"(?=a)a"')).toThrow(/bad regex/);
    expect(() => parseMatcher('x=~"(a)\\\\1"')).toThrow(/bad regex/);
    // `.` does not match a newline in RE2.
    expect(matchesAll([parseMatcher('x=~"a.*"')], { x: 'a\nb' })).toBe(false);
  });
});
