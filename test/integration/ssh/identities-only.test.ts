import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keygen, startSshd, type Sshd } from '../../support/sshd';
import { closeAllPools, runOn, sshCase } from './cases';

let sshd: Sshd;
let work: string;
let agent: ChildProcess;
let socket: string;
/** Authorized, held only by the agent. */
let agentKey: string;
/** Not authorized anywhere: the only identity file listed. */
let strangerKey: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'oncall-ssh-idonly-'));
  agentKey = join(work, 'agent_key');
  strangerKey = join(work, 'stranger_key');
  const agentPub = keygen(agentKey);
  keygen(strangerKey);
  sshd = await startSshd({ authorizedKeys: [agentPub] });
  socket = join(work, 'agent.sock');
  agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  for (let i = 0; i < 200 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 25));
  execFileSync('ssh-add', [agentKey], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
});
afterEach(closeAllPools);
afterAll(async () => {
  agent.kill();
  await sshd.stop();
  rmSync(work, { recursive: true, force: true });
});

describe.each([['auto' as const], ['openssh' as const]])('IdentitiesOnly with an agent holding another key (transport %s)', (transport) => {
  const setup = () => {
    const c = sshCase(work, `${sshd.knownHostsLine()}\n`, { transport });
    c.options.agentSocket = socket;
    return c;
  };

  it('without it, the agent key logs in although the listed file is a stranger', async () => {
    const c = setup();
    expect((await runOn(c.pool, c.host(sshd, { identityFiles: [strangerKey] }), 'echo agent')).out).toBe('agent\n');
    await c.pool.close();
  });

  it('with it, only the listed file is offered: the agent key is not, so the login fails', async () => {
    const c = setup();
    await expect(runOn(c.pool, c.host(sshd, { identityFiles: [strangerKey], identitiesOnly: true }), 'true')).rejects.toThrow(/authentication|Permission denied/i);
    await c.pool.close();
  });

  it('with it, the agent still signs for a listed file (matched by its .pub)', async () => {
    const c = setup();
    expect((await runOn(c.pool, c.host(sshd, { identityFiles: [agentKey], identitiesOnly: true }), 'echo listed')).out).toBe('listed\n');
    await c.pool.close();
  });
});
