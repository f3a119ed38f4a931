import { describe, expect, it } from 'vitest';
import { ConditionError, evaluateCondition, parseCondition, type ProbeFacts } from '../../../main/core/probes/conditions';
import { judge, type JudgedTarget } from '../../../main/core/probes/evaluate';
import { gatusPatternMatch, goParseDuration, goParseInt } from '../../../main/core/probes/go-text';
import type { RawResult } from '../../../main/core/probes/runner';

const defaultBody = JSON.stringify({ status: 'ready', checks: { database: true, redis: false }, items: [{ id: 7 }, { id: 8 }], version: '1.2.3' });
const facts = (over: Partial<ProbeFacts> = {}): ProbeFacts => ({ status: 200, responseTimeMs: 120, body: defaultBody, certificateExpiresInMs: 10 * 86_400_000, connected: true, ip: '127.0.0.1', ...over });
const check = (text: string, f = facts()) => evaluateCondition(parseCondition(text), f);
const holds = (text: string, over: Partial<ProbeFacts> = {}) => check(text, facts(over)).ok;

describe('Gatus conditions: the everyday forms', () => {
  it.each([
    ['[STATUS] == 200', true],
    ['[STATUS] != 200', false],
    ['[STATUS] < 300', true],
    ['[RESPONSE_TIME] < 500', true],
    ['[RESPONSE_TIME] > 500', false],
    ['[RESPONSE_TIME] < 1s', true],
    ['[BODY].checks.database == true', true],
    ['[BODY].checks.redis == true', false],
    ['[BODY].status == ready', true],
    ['[BODY].items[1].id == 8', true],
    ['[BODY] == pat(*ready*)', true],
    ['[BODY] == pat(*degraded*)', false],
    ['[BODY].version != pat(2.*)', true],
    ['[CERTIFICATE_EXPIRATION] > 168h', true],
    ['[CERTIFICATE_EXPIRATION] > 720h', false],
    ['[CONNECTED] == true', true],
  ])('%s -> %s', (text, ok) => {
    expect(check(text).ok).toBe(ok);
  });

  it('shows the resolved value beside each placeholder, for alerts', () => {
    expect(check('[STATUS] == 200', facts({ status: 503 })).detail).toBe('[STATUS] (503) == 200');
    expect(check('[BODY].checks.redis == true').detail).toBe('[BODY].checks.redis (false) == true');
    expect(check('[BODY].nope == 1').detail).toBe('[BODY].nope (INVALID) == 1');
    expect(check('[RESPONSE_TIME] < 100').detail).toBe('[RESPONSE_TIME] (120) < 100');
  });
});

describe('len() counts as Gatus counts', () => {
  it('counts the bytes of a string, including multi-byte characters', () => {
    expect(holds('len([BODY].name) == 8', { body: '{"name":"john.doe"}' })).toBe(true);
    expect(holds('len([BODY].name) == 5', { body: '{"name":"café"}' })).toBe(true);
  });
  it('counts the characters Go prints for a number or a boolean', () => {
    expect(holds('len([BODY].age) == 2', { body: '{"age":18}' })).toBe(true);
    expect(holds('len([BODY].adult) == 4', { body: '{"adult":true}' })).toBe(true);
    expect(holds('len([BODY].big) == 5', { body: '{"big":1000000}' })).toBe(true); // Go prints 1e+06
  });
  it('counts an object as its compact JSON, keys sorted', () => {
    expect(holds('len([BODY].user) == 23', { body: '{"user": {"age": 18, "adult": true}}' })).toBe(true);
  });
  it('counts the elements of an array, also at the root', () => {
    expect(holds('len([BODY].items) == 2')).toBe(true);
    expect(holds('len([BODY]) == 3', { body: '[1, 2, 3]' })).toBe(true);
  });
  it('counts the raw bytes of a body that is not a JSON array', () => {
    expect(holds('len([BODY]) == 20', { body: '{"name": "john.doe"}' })).toBe(true);
    expect(holds('len([BODY]) == 8', { body: 'john.doe' })).toBe(true);
  });
  it('counts the text of the simple placeholders', () => {
    expect(holds('len([STATUS]) == 3')).toBe(true);
    expect(holds('len([IP]) == 9')).toBe(true);
  });
  it('is invalid for a missing path or an unknown placeholder', () => {
    expect(check('len([BODY].missing) == 0').detail).toBe('len([BODY].missing) (INVALID) == 0');
    expect(holds('len([BODY].missing) == 0')).toBe(false);
    expect(holds('len([NOPE]) == 0')).toBe(false);
  });
});

describe('has()', () => {
  it('is true for a path that resolves, false for a missing key, null, bad index or non-JSON body', () => {
    expect(holds('has([BODY].version) == true')).toBe(true);
    expect(holds('has([BODY].missing) == false')).toBe(true);
    expect(holds('has([BODY].data) == false', { body: '{"data": null}' })).toBe(true);
    expect(holds('has([BODY].items[-1]) == false')).toBe(true);
    expect(holds('has([BODY].items[x]) == false')).toBe(true);
    expect(holds('has([BODY].key) == false', { body: 'not json' })).toBe(true);
  });
  it('is false for an unknown placeholder and true for a non-empty simple one', () => {
    expect(holds('has([UNKNOWN]) == false')).toBe(true);
    expect(holds('has([STATUS]) == true')).toBe(true);
    expect(holds('has([BODY]) == false', { body: '  ' })).toBe(true);
  });
});

describe('any() and pat() on either side', () => {
  it('any() lists options, trimmed, on the right or the left', () => {
    expect(holds('[STATUS] == any(200, 429)', { status: 429 })).toBe(true);
    expect(holds('any(200, 429) == [STATUS]', { status: 429 })).toBe(true);
    expect(holds('any(200, 429) == [STATUS]', { status: 404 })).toBe(false);
    expect(holds('any(200, 429) != [STATUS]', { status: 404 })).toBe(true);
  });
  it('pat() is filepath.Match on the whole text, on either side', () => {
    expect(holds('pat(4*) == [STATUS]', { status: 404 })).toBe(true);
    expect(holds('[IP] == pat(127.0.0.?)')).toBe(true);
    expect(holds('[BODY].status == pat(r[a-e]ady)')).toBe(true);
    expect(gatusPatternMatch('ok', 'all ok')).toBe(false);
    expect(gatusPatternMatch('a.b*', 'axb')).toBe(false);
    expect(gatusPatternMatch('*/health*', 'GET /health ok')).toBe(true); // Gatus drops the `/` first
    expect(gatusPatternMatch('[', '[')).toBe(false); // malformed: never matches
  });
});

describe('placeholders', () => {
  it('are case-insensitive, paths keep their case', () => {
    expect(holds('[status] == 200')).toBe(true);
    expect(holds('[Ip] == 127.0.0.1')).toBe(true);
    expect(holds('[body].Name == x', { body: '{"Name":"x"}' })).toBe(true);
    expect(holds('[body].name == x', { body: '{"Name":"x"}' })).toBe(false);
  });
  it('leave anything unknown as literal text', () => {
    expect(holds('[UNKNOWN] == [UNKNOWN]')).toBe(true);
    expect(holds('[STAUTS] == 200')).toBe(false);
    expect(holds('1 == 2')).toBe(false);
  });
  it('[CERTIFICATE_EXPIRATION] is 0 on plain http', () => {
    expect(holds('[CERTIFICATE_EXPIRATION] == 0', { certificateExpiresInMs: null })).toBe(true);
    expect(holds('[CERTIFICATE_EXPIRATION] > 0', { certificateExpiresInMs: null })).toBe(false);
  });
});

describe('numbers as Go reads them', () => {
  it('compares integers in any Go base with == and numbers, durations or 0 with < and >', () => {
    expect(holds('[BODY].data == 15', { body: '{"data":"0xF"}' })).toBe(true);
    expect(holds('[BODY].data == 2', { body: '{"data":"0b0010"}' })).toBe(true);
    expect(holds('[BODY].data > 100', { body: '{"data":"123.4"}' })).toBe(true);
    expect(holds('[BODY].data == 1.0', { body: '{"data":1}' })).toBe(false); // text, since 1.0 is no integer
    expect(holds('[RESPONSE_TIME] < potato')).toBe(false); // potato is 0
    expect(holds('[CERTIFICATE_EXPIRATION] > 30d')).toBe(true); // not a Go duration: 0
  });
  it('reads Go literals exactly', () => {
    expect(goParseInt('010')).toBe(8n);
    expect(goParseInt('1_000')).toBe(1000n);
    expect(goParseInt('1__0')).toBeNull();
    expect(goParseInt('9223372036854775808')).toBeNull();
    expect(goParseDuration('1h30m')).toBe(5_400_000_000_000n);
    expect(goParseDuration('1.5s')).toBe(1_500_000_000n);
    expect(goParseDuration('5d')).toBeNull();
    expect(goParseDuration('10')).toBeNull();
  });
});

describe('operators need a space on each side', () => {
  it.each([
    ['[STATUS]==200', 9],
    ['[STATUS] = = 200', 10],
    ['[STATUS] ==', 10],
    ['[STATUS]', 9],
    ['[STATUS] ? 200', 15],
  ])('refuses %s, naming the column', (text, column) => {
    let error: unknown;
    try {
      parseCondition(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConditionError);
    expect((error as ConditionError).column).toBe(column);
  });
  it('splits on the first operator in Gatus’s order (==, !=, <=, >=, >, <)', () => {
    expect(parseCondition('[BODY].a < 3 == x').op).toBe('==');
    expect(parseCondition('[STATUS] == ').right).toBe('');
  });
});

describe('no implicit 2xx check when conditions are given', () => {
  const raw = (over: Partial<RawResult> = {}): RawResult => ({ at: 0, durationMs: 5, connected: true, status: 404, body: '{"checks":{"db":false}}', certExpiresAt: null, ip: '127.0.0.1', error: null, errorKind: null, ...over });
  const target = (over: Partial<JudgedTarget> = {}): JudgedTarget => ({ url: 'http://127.0.0.1/', conditions: [], certificateExpiry: { warning: 1, critical: 0 }, ...over });

  it('keeps the documented defaults without conditions: any 2xx, health shapes read', () => {
    const c = judge(target(), raw(), 0);
    expect(c.ok).toBe(false);
    expect(c.reason).toContain('status 404, expected 2xx');
    expect(judge(target(), raw({ status: 200 }), 0).failingChecks).toEqual(['db']);
  });
  it('lets the conditions alone decide when there are some', () => {
    expect(judge(target({ conditions: ['[STATUS] == 404'] }), raw(), 0).ok).toBe(true);
    expect(judge(target({ conditions: ['[STATUS] == 200'] }), raw({ status: 200 }), 0).ok).toBe(true);
  });
  it('still checks expectStatus when it is written out', () => {
    expect(judge(target({ conditions: ['[STATUS] == 404'], expectStatus: 200 }), raw(), 0).ok).toBe(false);
  });
  it('judges a refused connection by the conditions too', () => {
    const refused = raw({ connected: false, status: null, body: '', error: 'connect ECONNREFUSED', errorKind: 'refused' });
    expect(judge(target({ conditions: ['[CONNECTED] == false'] }), refused, 0).ok).toBe(true);
    const down = judge(target({ conditions: ['[CONNECTED] == true'] }), refused, 0);
    expect(down.ok).toBe(false);
    expect(down.reason).toBe('connect ECONNREFUSED; [CONNECTED] (false) == true');
  });
});
