import { systemClock } from '../../main/core/shared/clock';
import { execRemote } from '../../main/core/ssh/exec';
import { SshPool } from '../../main/core/ssh/pool';
import { startSshd } from '../support/sshd';
import { createThrowawayUser } from './fast-shell-user';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const user = createThrowawayUser();
try {
  const sshd = await startSshd({ user: user.name });
  const kh = join(sshd.dir, 'kh');
  writeFileSync(kh, sshd.knownHostsLine() + '\n');
  for (const noDelay of [false, true, false, true]) {
    const pool = new SshPool({ knownHostsFiles: [kh], appKnownHostsFile: kh, prompts: { trustHostKey: () => Promise.resolve(false), passphrase: () => Promise.resolve(null) }, keepaliveInterval: 15000, readyTimeout: 20000, clock: systemClock });
    const { client } = await pool.connect({ alias: 'app', hostname: '127.0.0.1', port: sshd.port, user: sshd.user, identityFiles: [sshd.clientKey], jumps: [] });
    if (noDelay) client.setNoDelay(true);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await execRemote(client, `echo step ${i}`, { clock: systemClock, timeoutMs: 60000, onStdout: () => undefined, onStderr: () => undefined });
      times.push(performance.now() - t0);
    }
    console.log(`noDelay=${noDelay}`, times.map((t) => t.toFixed(0)).join(' '));
    await pool.close();
  }
  await sshd.stop();
} finally {
  user.remove();
}
