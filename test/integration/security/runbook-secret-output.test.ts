import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentDetail, RunView } from '../../../preload/contract';
import { closeTestEngines, invokeOk, openTestEngine } from '../../support/engine';
import { tempHome } from '../../support/temp-home';
import { writeRunbook } from '../runbooks/fixtures';

/**
 * A command that prints a secret param: the journal, the stored output and the output read back
 * after a restart (when the secret's value is no longer known) all show `***`. Real SQLite file.
 */

const cleanups: (() => void)[] = [];
afterEach(async () => {
  await closeTestEngines();
  for (const c of cleanups.splice(0)) c();
});



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
    let engine = await openTestEngine(t.home);
    let run = await invokeOk<RunView>(engine, 'runbooks:start', { id: 'it-echo-secret', params: { token: secret } });
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    expect((await invokeOk<{ text: string }>(engine, 'runbooks:output', { runId: run.id, step: 0 })).text).toBe('using ***\n');
    await engine.close();

    // After a restart the run no longer knows the secret's value: the stored output must already be masked.
    engine = await openTestEngine(t.home);
    expect((await invokeOk<{ text: string }>(engine, 'runbooks:output', { runId: run.id, step: 0 })).text).toBe('using ***\n');
    await engine.close();
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
    const engine = await openTestEngine(t.home);
    let run = await invokeOk<RunView>(engine, 'runbooks:start', { id: 'it-http-auth' });
    run = await invokeOk<RunView>(engine, 'runbooks:act', { runId: run.id, action: 'run' });
    expect(run.status).toBe('finished');
    const detail = await invokeOk<IncidentDetail>(engine, 'incidents:get', { id: run.incidentId ?? '' });
    const journal = JSON.stringify(detail.timeline);
    expect(journal).toContain(`GET http://ops:***@127.0.0.1:${port}/health`);
    expect(journal).not.toContain('lit3ral-pw');
  });
});
