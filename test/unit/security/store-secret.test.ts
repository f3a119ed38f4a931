import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../main/core/engine';
import type { SecretResolver } from '../../../main/core/probes/secrets';
import { projectRoot } from '../../support/cli';
import { tempHome } from '../../support/temp-home';

/** `app:store-secret`: how a probe header's keychain:NAME gets its value, without config.yml or the journal seeing it. */

const engines: Engine[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const c of cleanups.splice(0)) c();
});

function open(secrets?: SecretResolver): Engine {
  const t = tempHome('oncall-store-secret-');
  cleanups.push(t.cleanup);
  const engine = createEngine({ home: t.home, resourcesDir: join(projectRoot, 'resources'), ports: { face: secrets ? 'electron' : 'web', notify: () => undefined, openExternal: () => Promise.resolve(), ...(secrets ? { secrets } : {}) } });
  engines.push(engine);
  return engine;
}

describe('storing a keychain secret', () => {
  it('hands the value to the keychain and answers with the reference only; no event carries it', async () => {
    const sealed = new Map<string, string>();
    const engine = open({ resolve: (ref) => sealed.get(ref.name), store: (name, value) => void sealed.set(name, value) });
    const events: string[] = [];
    engine.bus.onAny((event, payload) => events.push(`${event} ${JSON.stringify(payload)}`));
    const result = await engine.invoke('app:store-secret', { name: 'grafana_token', value: 'glsa_9f8e7d' });
    expect(result).toEqual({ ok: true, value: { reference: 'keychain:grafana_token' } });
    expect(sealed.get('grafana_token')).toBe('glsa_9f8e7d');
    expect(events.join('\n')).not.toContain('glsa_9f8e7d');
  });

  it('says where to put the value instead when the face has no keychain, and reports a keychain failure without the value', async () => {
    expect(await open().invoke('app:store-secret', { name: 'grafana.token', value: 'glsa_9f8e7d' })).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('ONCALL_SECRET_GRAFANA_TOKEN') } });
    const broken = open({ resolve: () => undefined, store: () => { throw new Error('no OS keychain is available'); } });
    const failure = await broken.invoke('app:store-secret', { name: 'x_token', value: 'glsa_9f8e7d' });
    expect(failure).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'no OS keychain is available' } });
    expect(await broken.invoke('app:store-secret', { name: '../etc', value: 'v' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
