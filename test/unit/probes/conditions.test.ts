import { describe, expect, it } from 'vitest';
import { ConditionError, evaluateCondition, globMatch, parseCondition, type ProbeFacts } from '../../../main/core/probes/conditions';

const facts = (over: Partial<ProbeFacts> = {}): ProbeFacts => {
  const body = over.body ?? JSON.stringify({ status: 'ready', checks: { database: true, redis: false }, items: [{ id: 7 }, { id: 8 }], version: '1.2.3' });
  return { status: 200, responseTimeMs: 120, body, json: 'json' in over ? over.json : (JSON.parse(body) as unknown), certificateExpiresInMs: 10 * 86_400_000, connected: true, ip: '127.0.0.1', ...over };
};
const check = (text: string, f = facts()) => evaluateCondition(parseCondition(text), f);

describe('Gatus-style conditions', () => {
  it.each([
    ['[STATUS] == 200', true],
    ['[STATUS] != 200', false],
    ['[STATUS] == any(200, 204)', true],
    ['[STATUS] == any(500, 503)', false],
    ['[STATUS] < 300', true],
    ['[RESPONSE_TIME] < 500', true],
    ['[RESPONSE_TIME] > 500', false],
    ['[BODY].checks.database == true', true],
    ['[BODY].checks.redis == true', false],
    ['[BODY].status == ready', true],
    ['[BODY].status == "ready"', true],
    ['[BODY].items[1].id == 8', true],
    ['len([BODY].items) == 2', true],
    ['len([BODY].items) > 5', false],
    ['has([BODY].version) == true', true],
    ['has([BODY].missing) == false', true],
    ['[BODY] == pat(*ready*)', true],
    ['[BODY] == pat(*degraded*)', false],
    ['[BODY].version != pat(2.*)', true],
    ['[CERTIFICATE_EXPIRATION] > 168h', true],
    ['[CERTIFICATE_EXPIRATION] > 30d', false],
    ['[CONNECTED] == true', true],
  ])('%s -> %s', (text, ok) => {
    expect(check(text).ok).toBe(ok);
  });

  it('shows the actual value in the detail, for alerts', () => {
    expect(check('[STATUS] == 200', facts({ status: 503 })).detail).toBe('[STATUS] (503) == 200');
    expect(check('[BODY].checks.redis == true').detail).toBe('[BODY].checks.redis (false) == true');
  });

  it('treats a missing JSON path as not equal, not as a crash', () => {
    expect(check('[BODY].nope.deeper == 1').ok).toBe(false);
    expect(check('[BODY].status == ok', facts({ body: 'plain text', json: undefined })).ok).toBe(false);
  });

  it.each([
    ['[STATUS] 200', 'expected an operator', 13],
    ['[STAUTS] == 200', 'unknown placeholder "[STAUTS]"', 1],
    ['[STATUS] == ', 'missing value', 13],
    ['[STATUS].x == 1', 'only [BODY] takes a path', 9],
    ['[BODY]..x == 1', 'bad JSON path', 7],
    ['size([BODY]) == 1', 'unknown function "size"', 1],
    ['[STATUS] > any(1, 2)', 'any() only works with == or !=', 10],
    ['200 == 200', 'one side must be a placeholder', 1],
  ])('rejects %s with the reason and column', (text, reason, column) => {
    let error: unknown;
    try {
      parseCondition(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConditionError);
    expect((error as ConditionError).message).toContain(reason);
    expect((error as ConditionError).column).toBe(column);
  });

  it('matches glob patterns on the whole text', () => {
    expect(globMatch('*ok*', 'all ok here')).toBe(true);
    expect(globMatch('ok', 'all ok')).toBe(false);
    expect(globMatch('a.b*', 'axb')).toBe(false);
  });
});
