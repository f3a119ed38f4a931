import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { Client } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { execRemote } from '../../../main/core/ssh/exec';
import { FakeClock } from '../../support/fake-clock';

/**
 * An ssh2 client whose server answers in one burst. When the exec reply, the output, the exit status
 * and the close arrive in one TCP read, ssh2 parses them all in one go: it calls the exec callback,
 * then emits 'exit' (a plain event, not buffered like the output) before any awaiting code resumes.
 * On loopback with TCP_NODELAY this happens every few dozen commands; here it happens every time.
 */
function burstClient(stdout: string, exitCode: number): Client {
  const client = new EventEmitter() as EventEmitter & { exec: Client['exec'] };
  client.exec = ((_command: string, _options: unknown, callback: (err: Error | undefined, channel: unknown) => void) => {
    const channel = Object.assign(new PassThrough(), { stderr: new PassThrough(), signal: () => undefined });
    callback(undefined, channel);
    channel.write(`\u001eoncall-pid:4242\n${stdout}`);
    channel.emit('exit', exitCode);
    channel.end();
    channel.stderr.end();
    return client;
  }) as Client['exec'];
  return client as unknown as Client;
}

describe('execRemote when the whole answer arrives at once', () => {
  it('still reports the exit status, the output and the remote pid', async () => {
    const out: Buffer[] = [];
    const result = await execRemote(burstClient('step 6\n', 3), 'echo step 6; exit 3', {
      clock: new FakeClock(),
      timeoutMs: 60_000,
      onStdout: (chunk) => out.push(chunk),
      onStderr: () => undefined,
    });
    expect(result).toEqual({ end: 'exited', exitCode: 3, signal: null, remotePid: 4242 });
    expect(Buffer.concat(out).toString()).toBe('step 6\n');
  });
});
