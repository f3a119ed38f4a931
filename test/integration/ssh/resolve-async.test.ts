import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveHost } from '../../../main/core/ssh/host-resolve';

describe('host resolution through the installed ssh -G', () => {
  it('leaves the event loop free while ssh runs a slow Match exec (the engine keeps probing meanwhile)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'oncall-resolve-async-'));
    try {
      mkdirSync(join(home, '.ssh'), { mode: 0o700 });
      writeFileSync(join(home, '.ssh', 'config'), 'Match exec "sleep 0.6"\n  User slow\n', { mode: 0o600 });
      let ticks = 0;
      const timer = setInterval(() => ticks++, 50);
      const started = Date.now();
      const host = await resolveHost('web', { hosts: [], sshDir: join(home, '.ssh'), useSshConfig: true, resolver: 'openssh' });
      clearInterval(timer);
      expect(host.user).toBe('slow');
      expect(Date.now() - started).toBeGreaterThanOrEqual(600);
      // A blocking spawnSync would let no timer run until ssh returned.
      expect(ticks).toBeGreaterThanOrEqual(6);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
