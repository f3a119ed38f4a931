import { describe, expect, it } from 'vitest';
import { compileRe2, matchesAnchored, Re2SyntaxError } from '../../../main/core/shared/re2';

describe('RE2 regexes (Go semantics)', () => {
  it('anchors label-matcher regexes at both ends, around alternations too', () => {
    expect(matchesAnchored('api|web', 'api')).toBe(true);
    expect(matchesAnchored('api|web', 'xapi')).toBe(false);
    expect(matchesAnchored('api|web', 'web2')).toBe(false);
    expect(matchesAnchored('', '')).toBe(true);
    expect(matchesAnchored('.*', 'a\nb')).toBe(false); // Go's `.` does not match a newline
  });

  it('takes Go inline flags that JavaScript RegExp does not', () => {
    expect(matchesAnchored('(?i)critical', 'CRITICAL')).toBe(true);
    expect(matchesAnchored('prod-(?i:EU)', 'prod-eu')).toBe(true);
    expect(compileRe2('(?P<name>a+)').namedGroups()).toEqual({ name: 1 });
  });

  it('rejects what RE2 rejects, with RE2\'s message', () => {
    expect(() => compileRe2('(?=a)')).toThrow(Re2SyntaxError);
    expect(() => compileRe2('(a)\\1')).toThrow(/invalid escape sequence/);
  });
});
