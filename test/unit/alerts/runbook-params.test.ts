import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveRunbook } from '../../../main/core/alerts/runbook-link';
import { tempHome } from '../../support/temp-home';

describe('alert -> local runbook parameters', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  const labels = { alertname: 'TargetDown', service: 'api-gateway', instance: '10.0.0.5:8080', severity: 'critical' };
  const link = (front: string) => {
    const t = tempHome('oncall-runbook-link-');
    cleanup = t.cleanup;
    writeFileSync(join(t.home, 'api-down.md'), `---\n${front}\n---\n# API down\n\n## Look\n`);
    return resolveRunbook({ labels, annotations: { runbook_url: 'https://wiki.example.com/runbooks/api-down.md' } }, [t.home]);
  };

  it('fills only the parameters a runbook declares as a map (the library format), from the labels', () => {
    const front = 'id: api-down\nparams:\n  service:\n    default: api\n    pattern: "[a-z-]+"\n  health_url:\n    default: http://localhost:8080/health';
    expect(link(front)).toMatchObject({ kind: 'local', id: 'api-down', params: { service: 'api-gateway' } });
  });

  it('reads the list form too', () => {
    expect(link('id: api-down\nparams:\n  - name: instance\n  - name: service')).toMatchObject({ params: { instance: '10.0.0.5:8080', service: 'api-gateway' } });
  });

  it('offers every label when the runbook declares no parameters or its front matter is unreadable', () => {
    expect(link('id: api-down')).toMatchObject({ params: labels });
    expect(link('id: api-down\nparams: [unclosed')).toMatchObject({ params: labels });
  });
});
