import { describe, expect, it } from 'vitest';
import type { RunbookParamView } from '../../../preload/contract';
import { checkParam, formErrors, initialValues, paramsToSend } from '../../../renderer/src/runbooks/logic/params';

const p = (over: Partial<RunbookParamView> & { name: string }): RunbookParamView => ({ type: 'string', required: false, secret: false, ...over });

describe('inline param checks of the start form', () => {
  it('requires a value only when there is no default', () => {
    expect(checkParam(p({ name: 'version', required: true }), '')).toBe('required');
    expect(checkParam(p({ name: 'service', required: true, default: 'api' }), '')).toBeNull();
    expect(checkParam(p({ name: 'note' }), '')).toBeNull();
  });

  it('matches the whole value against the pattern, as the core does', () => {
    const version = p({ name: 'version', pattern: '[A-Za-z0-9._-]+' });
    expect(checkParam(version, 'v41')).toBeNull();
    expect(checkParam(version, 'v41; rm -rf /')).toBe('does not match the pattern [A-Za-z0-9._-]+');
    // An alternation must not let a prefix slip through: the pattern is anchored as a group.
    expect(checkParam(p({ name: 'env', pattern: 'prod|staging' }), 'prod-evil')).toBe('does not match the pattern prod|staging');
  });

  it('does not block the form on a pattern the browser cannot compile', () => {
    expect(checkParam(p({ name: 'x', pattern: '([' }), 'anything')).toBeNull();
  });

  it('checks the typed params', () => {
    expect(checkParam(p({ name: 'days', type: 'integer' }), '30')).toBeNull();
    expect(checkParam(p({ name: 'days', type: 'integer' }), '3.5')).toBe('is not an integer');
    expect(checkParam(p({ name: 'ratio', type: 'number' }), '0.25')).toBeNull();
    expect(checkParam(p({ name: 'ratio', type: 'number' }), 'lots')).toBe('is not a number');
    expect(checkParam(p({ name: 'force', type: 'boolean' }), 'yes')).toBe('is not true or false');
    expect(checkParam(p({ name: 'keep', type: 'duration' }), '1h30m')).toBeNull();
    expect(checkParam(p({ name: 'keep', type: 'duration' }), '7 days')).toBe('is not a duration (e.g. 30s, 5m)');
    expect(checkParam(p({ name: 'mode', type: 'enum', values: ['fast', 'safe'] }), 'safe')).toBeNull();
    expect(checkParam(p({ name: 'mode', type: 'enum', values: ['fast', 'safe'] }), 'slow')).toBe('is not one of fast, safe');
    expect(checkParam(p({ name: 'target', type: 'host' }), 'db-1.example.com')).toBeNull();
    expect(checkParam(p({ name: 'target', type: 'host' }), '-oProxyCommand=id')).toBe('is not a host name');
  });

  it('starts from the link, then the default; secret defaults (***) are never echoed back', () => {
    const params = [p({ name: 'service', default: 'api' }), p({ name: 'version' }), p({ name: 'token', secret: true, default: '***' })];
    expect(initialValues(params, { version: 'v41' })).toEqual({ service: 'api', version: 'v41', token: '' });
    expect(initialValues(params, { service: 'billing' })).toEqual({ service: 'billing', version: '', token: '' });
  });

  it('sends only filled-in values, so empty fields keep the runbook default', () => {
    expect(paramsToSend({ service: 'api', version: '', token: '' })).toEqual({ service: 'api' });
  });

  it('collects every problem by param name', () => {
    const params = [p({ name: 'version', required: true }), p({ name: 'days', type: 'integer' }), p({ name: 'service' })];
    expect(formErrors(params, { version: '', days: 'x', service: 'api' })).toEqual({ version: 'required', days: 'is not an integer' });
    expect(formErrors(params, { version: 'v1', days: '3', service: '' })).toEqual({});
  });
});
