import { describe, expect, it } from 'vitest';
import { execLocal, localArgv } from '../../../main/core/runbooks/exec/local';
import { FakeClock } from '../../support/fake-clock';

describe('local commands', () => {
  it('runs plain words as argv, without a shell', () => {
    expect(localArgv("echo 'a b' c")).toEqual(['echo', 'a b', 'c']);
  });

  it('hands shell builtins, operators and multi-line scripts to /bin/sh', () => {
    for (const command of ['exit 3', 'cd /tmp', 'export A=1', 'echo a; echo b', 'echo $HOME', 'echo a\necho b']) {
      expect(localArgv(command)).toEqual(['/bin/sh', '-c', command]);
    }
  });

  it('reports the exit code of a builtin such as `exit 3`', async () => {
    let output = '';
    const r = await execLocal(localArgv('exit 3'), { clock: new FakeClock(), timeoutMs: 10_000, onOutput: (c) => (output += c.toString()) });
    expect(r).toEqual({ end: 'exited', exitCode: 3, signal: null });
    expect(output).toBe('');
  });
});
