import { describe, expect, it } from 'vitest';
import type { RunbookParamView } from '../../../preload/contract';
import { parseRunbooksHash, prefillFromQuery, runbookHref } from '../../../renderer/src/runbooks/logic/route';

const param = (name: string): RunbookParamView => ({ name, type: 'string', required: false, secret: false });

describe('runbooks routes', () => {
  it('reads the library, the run list and a run', () => {
    expect(parseRunbooksHash('#/runbooks')).toEqual({ view: 'library' });
    expect(parseRunbooksHash('#/runbooks/')).toEqual({ view: 'library' });
    expect(parseRunbooksHash('#/runbooks/runs')).toEqual({ view: 'runs' });
    expect(parseRunbooksHash('#/runbooks/run/RUN-20261123-104707-629c')).toEqual({ view: 'run', runId: 'RUN-20261123-104707-629c' });
  });

  it('reads a start route with its query, keeping encoded separators inside values', () => {
    expect(parseRunbooksHash('#/runbooks/disk-full?mount=%2Fvar&note=a%26b%3Dc&incident=INC-1')).toEqual({
      view: 'start',
      id: 'disk-full',
      query: { mount: '/var', note: 'a&b=c', incident: 'INC-1' },
    });
    expect(parseRunbooksHash('#/runbooks/api-down')).toEqual({ view: 'start', id: 'api-down', query: {} });
  });

  it('survives a malformed escape instead of throwing', () => {
    expect(parseRunbooksHash('#/runbooks/bad%zz')).toEqual({ view: 'start', id: 'bad%zz', query: {} });
  });

  it('builds links that parse back to the same id and values', () => {
    const href = runbookHref('rollback-git-deploy', { version: 'v1.2.3', note: 'x&y=z ü' });
    expect(href).toBe('#/runbooks/rollback-git-deploy?version=v1.2.3&note=x%26y%3Dz+%C3%BC');
    expect(parseRunbooksHash(href)).toEqual({ view: 'start', id: 'rollback-git-deploy', query: { version: 'v1.2.3', note: 'x&y=z ü' } });
  });

  it('splits a query into params, labels, the incident and the host', () => {
    const runbook = { params: [param('service'), param('version')] };
    expect(prefillFromQuery(runbook, { service: 'api', instance: 'api-2:8080', 'labels.env': 'prod', incident: 'INC-7', host: 'app-1' })).toEqual({
      params: { service: 'api' },
      labels: { instance: 'api-2:8080', env: 'prod' },
      incidentId: 'INC-7',
      host: 'app-1',
    });
  });

  it('lets a declared param named host or incident win over the link meaning', () => {
    const prefill = prefillFromQuery({ params: [param('host'), param('incident')] }, { host: 'db-1', incident: 'INC-9' });
    expect(prefill.params).toEqual({ host: 'db-1', incident: 'INC-9' });
    expect(prefill.host).toBeNull();
    expect(prefill.incidentId).toBeNull();
  });

  it('drops an empty labels. key and empty incident/host values', () => {
    expect(prefillFromQuery({ params: [] }, { 'labels.': 'x', incident: '', host: '' })).toEqual({ params: {}, labels: {}, incidentId: null, host: null });
  });
});
