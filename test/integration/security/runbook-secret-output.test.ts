import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentDetail, RunView } from '../../../preload/contract';
import { createEngine, type Engine } from '../../../main/core/engine';
import { projectRoot } from '../../support/cli';
import { tempHome } from '../../support/temp-home';
import { writeRunbook } from '../runbooks/fixtures';

/**
 * A command that prints a secret param: the journal, the stored output and the output read back
 * after a restart (when the secret's value is no longer known) all show `***`. Real SQLite file.
 */

const engines: Engine[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const c of cleanups.splice(0)) c();
});

async function open(dir: string): Promise<Engine> {
  const engine = createEngine({ home: dir, resourcesDir: join(projectRoot, 'resources'), ports: { face: 'cli', notify: () => undefined, openExternal: () => Promise.resolve() } });
  engines.push(engine);
  await engine.start();
  return engine;
}

async function call<T>(engine: Engine, method: string, input: unknown): Promise<T> {
  const result = await engine.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const echoingRunbook = `---
id: it-echo-secret
title: A step that prints its secret
params:
  token:
    secret: true
---
# Echo

## Print the token

\`\`\`sh {name=print host=local}
printf 'using %s\\n' {{token}}
\`\`\`
`;

describe('secret params printed by a command', () => {
  it('are masked in the database, so a restarted app cannot show them', async () => {
    const t = tempHome('oncall-sec-out-');
    cleanups.push(t.cleanup);
    writeRunbook(t.home, 'echo', echoingRunbook);
    const secret = 'tok-PRINTED-9931';
    let engine = await open(t.home);
    let run = await call<RunView>(engine, 'runbooks:start', { id: 'it-echo-secret', params: { token: secret } });
    run = await call<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    expect((await call<{ text: string }>(engine, 'runbooks:output', { runId: run.id, step: 0 })).text).toBe('using ***\n');
    await engine.close();
    engines.splice(0);

    // After a restart the run no longer knows the secret's value: the stored output must already be masked.
    engine = await open(t.home);
    expect((await call<{ text: string }>(engine, 'runbooks:output', { runId: run.id, step: 0 })).text).toBe('using ***\n');
    await engine.close();
    engines.splice(0);
    for (const file of readdirSync(t.home).filter((f) => f.startsWith('journal.db'))) {
      expect(readFileSync(join(t.home, file)).includes(secret), file).toBe(false);
    }
  });
});

describe('an HTTP step whose URL carries user:pass@', () => {
  it('authenticates with them, and the journal names the URL without the password', async () => {
    const t = tempHome('oncall-sec-http-');
    cleanups.push(t.cleanup);
    const expected = `Basic ${Buffer.from('ops:lit3ral-pw').toString('base64')}`;
    const server = createServer((req, res) => {
      res.writeHead(req.headers.authorization === expected ? 200 : 401);
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => server.close());
    const port = (server.address() as AddressInfo).port;
    writeRunbook(
      t.home,
      'http-auth',
      `---\nid: it-http-auth\ntitle: Basic auth check\n---\n# Check\n\n## Health\n\n\`\`\`http {name=health expect_status=200}\nGET http://ops:lit3ral-pw@127.0.0.1:${port}/health\n\`\`\`\n`,
    );
    const engine = await open(t.home);
    let run = await call<RunView>(engine, 'runbooks:start', { id: 'it-http-auth' });
    run = await call<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    expect(run.status).toBe('finished');
    const detail = await call<IncidentDetail>(engine, 'incidents:get', { id: run.incidentId ?? '' });
    const journal = JSON.stringify(detail.timeline);
    expect(journal).toContain(`GET http://ops:***@127.0.0.1:${port}/health`);
    expect(journal).not.toContain('lit3ral-pw');
  });
});
