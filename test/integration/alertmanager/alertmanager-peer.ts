import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopPeer } from '../../support/peer';

export interface AlertmanagerPeer {
  url: string;
  stop(): Promise<void>;
}


/** Debian's real Alertmanager on 127.0.0.1 with a random port, a temp dir and no clustering. */
export async function startAlertmanager(): Promise<AlertmanagerPeer> {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-am-'));
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(
    config,
    `route:
  receiver: devnull
  group_wait: 1s
  group_interval: 1s
receivers:
  - name: devnull
inhibit_rules:
  - source_matchers: ['alertname="ApiDown"']
    target_matchers: ['alertname="ApiLatencyHigh"']
    equal: [service]
`,
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    '/usr/bin/prometheus-alertmanager',
    [`--config.file=${config}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`alertmanager did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () => stopPeer(child, dir),
  };
}
