import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn as ptySpawn } from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalEntryData, TimelineEntry } from '../../../preload/contract/incidents';
import { openStandaloneJournal } from '../../../main/core/journal/standalone';
import { cliProcess, oncallBin } from '../../support/cli';
import { tempHome } from '../../support/temp-home';
import { until } from '../../support/until';

// `oncall record` driven through a real terminal (tmux) with bash, as an engineer would type into it.
// zsh is not installed on these machines, so only the bash integration runs here.
const bash = '/bin/bash';
const token = 'ghp_R3c0rdT3stT0k3nValue42';
const socket = `oncall-record-${process.pid}`;

function tmux(...args: string[]): string {
  const result = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  if (result.error) throw new Error(`tmux is needed for the terminal-capture tests and could not be run (${result.error.message}); install Debian's tmux`);
  if (result.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

const pane = () => tmux('capture-pane', '-p', '-t', 'rec', '-S', '-200');

describe('oncall record (issue 12 point 7)', () => {
  let home: string;
  let cleanup: () => void;
  let incidentId: string;
  let userHome: string;

  const timeline = (): TimelineEntry[] => {
    const { journal, close } = openStandaloneJournal(home);
    try {
      return journal.detail(incidentId).timeline.filter((e) => e.kind === 'terminal');
    } finally {
      close();
    }
  };
  const commands = () => timeline().map((e) => e.data as unknown as TerminalEntryData).filter((d) => d.event === 'command');
  const recorded = (command: string) => until(`"${command}" on the timeline: ${JSON.stringify(commands().map((d) => d.command))}`, () => commands().find((d) => d.command === command));
  /** Types one line and waits for the next prompt. */
  const type = async (line: string) => {
    const prompts = pane().split('READY$').length;
    tmux('send-keys', '-t', 'rec', '-l', line);
    tmux('send-keys', '-t', 'rec', 'Enter');
    await until(`the prompt after "${line}"`, () => (pane().split('READY$').length > prompts ? true : undefined), 10_000, 30);
  };

  beforeAll(() => {
    if (!existsSync(bash)) throw new Error(`${bash} is needed for the terminal-capture tests`);
    ({ home, cleanup } = tempHome('oncall-record-'));
    const opened = cliProcess(['--home', home, 'incident', 'open', '--title', 'Disk full on db-1', '--severity', 'P3', '--json']);
    expect(opened.code, opened.stderr).toBe(0);
    incidentId = (JSON.parse(opened.stdout) as { id: string }).id;
    // The user's own ~/.bashrc: a prompt, a PROMPT_COMMAND and a DEBUG trap that must keep working.
    userHome = join(home, 'user');
    mkdirSync(userHome);
    writeFileSync(
      join(userHome, '.bashrc'),
      ['PS1="READY$ "', 'HISTCONTROL=ignoreboth', 'HISTFILE=/dev/null', 'USER_PC=0', 'PROMPT_COMMAND="USER_PC=\\$((USER_PC+1))"', "trap 'USER_DEBUG=seen' DEBUG", ''].join('\n'),
    );
    const env = `env HOME=${userHome} SHELL=${bash} TERM=xterm-256color API_TOKEN=${token} ONCALL_AUTHOR=alice@laptop`;
    tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'rec', '-x', '100', '-y', '30', `cd ${userHome} && ${env} ${process.execPath} ${oncallBin} --home ${home} record; echo RECORD-EXIT=$?; sleep 600`);
  });

  afterAll(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    cleanup?.();
  });

  it('journals each command with its exit code, duration, cwd and plain output, and keeps the terminal as it was', async () => {
    await until('the first prompt', () => (pane().includes('READY$') ? true : undefined));
    const start = await until('the start entry', () => timeline()[0]);
    expect(start.data).toMatchObject({ event: 'session_started', shell: bash, cwd: userHome });
    expect(start.author).toBe('alice@laptop');

    await type('echo one; printf "two\\nthree\\n"');
    await type('ls /nonexistent-dir');
    await type(' echo off-the-record');
    await type('cd /usr/share');
    await type('pwd');
    await type('echo "$API_TOKEN" https://user:pass@db.example/x');
    await type("printf '\\033[31mred\\033[0m\\n'");
    await type('echo pc=$USER_PC debug=$USER_DEBUG');
    await type('history | grep -c off-the-recor[d]');

    const multi = await recorded('echo one; printf "two\\nthree\\n"');
    expect(multi).toMatchObject({ exitCode: 0, cwd: userHome, output: 'one\ntwo\nthree' });
    expect(multi.durationMs).toBeGreaterThanOrEqual(0);
    expect(multi.durationMs).toBeLessThan(5000);
    const failed = await recorded('ls /nonexistent-dir');
    expect(failed.exitCode).toBe(2);
    expect(failed.output).toContain('No such file or directory');
    // The working directory is where each command ran: `pwd` after the `cd`.
    expect(await recorded('cd /usr/share')).toMatchObject({ cwd: userHome, exitCode: 0 });
    expect(await recorded('pwd')).toMatchObject({ cwd: '/usr/share', output: '/usr/share' });
    const secret = await recorded('echo "$API_TOKEN" https://user:***@db.example/x');
    expect(secret.output).toBe('*** https://user:***@db.example/x');
    // Colours reach the terminal but not the stored text.
    expect((await recorded("printf '\\033[31mred\\033[0m\\n'")).output).toBe('red');
    // The user's PROMPT_COMMAND ran at every prompt and their DEBUG trap still fires.
    const own = (await recorded('echo pc=$USER_PC debug=$USER_DEBUG')).output ?? '';
    expect(own).toMatch(/^pc=(\d+) debug=seen$/);
    expect(Number(/pc=(\d+)/.exec(own)?.[1])).toBeGreaterThanOrEqual(8);
    // The leading-space line is neither recorded nor (HISTCONTROL=ignoreboth) in the shell's history.
    expect((await recorded('history | grep -c off-the-recor[d]')).output).toBe('0');
    expect(commands().some((d) => d.command?.includes('off-the-record') && !d.command.includes('grep'))).toBe(false);
    expect(pane()).toContain('off-the-record');
    // Nothing of the integration itself is on the record, and no secret anywhere in the journal.
    expect(commands().some((d) => d.command?.includes('__oncall'))).toBe(false);
    expect(JSON.stringify(timeline())).not.toContain(token);
    expect(JSON.stringify(timeline())).not.toContain('user:pass@');
  });

  it('follows a resize, records Ctrl-C as exit 130, refuses a nested recording, and ends with a summary on exit', async () => {
    tmux('resize-window', '-t', 'rec', '-x', '120', '-y', '40');
    await type('stty size');
    expect((await recorded('stty size')).output).toBe('40 120');

    // ls, the Ctrl-C, the nested refusal, and `grep -c` finding nothing (exit 1) in the first test.
    const sleeper = 'sleep 97.25';
    tmux('send-keys', '-t', 'rec', '-l', sleeper);
    tmux('send-keys', '-t', 'rec', 'Enter');
    await until('sleep to run', () => (spawnSync('pgrep', ['-f', sleeper]).status === 0 ? true : undefined), 10_000, 30);
    const prompts = pane().split('READY$').length;
    tmux('send-keys', '-t', 'rec', 'C-c');
    await until('the prompt after Ctrl-C', () => (pane().split('READY$').length > prompts ? true : undefined), 10_000, 30);
    const interrupted = await recorded(sleeper);
    expect(interrupted.exitCode).toBe(130);

    const nested = `${process.execPath} ${oncallBin} --home ${home} record`;
    await type(nested);
    expect(pane()).toContain(`this shell is already being recorded to ${incidentId}`);
    expect((await recorded(nested)).exitCode).toBe(1);

    const before = commands().length;
    tmux('send-keys', '-t', 'rec', '-l', 'exit 3');
    tmux('send-keys', '-t', 'rec', 'Enter');
    await until('oncall record to exit', () => (pane().includes('RECORD-EXIT=') ? true : undefined));
    expect(pane()).toContain('RECORD-EXIT=3');
    const summary = timeline().at(-1);
    expect(summary?.data).toMatchObject({ event: 'session_ended', commands: before, failures: 4, exitCode: 3 });
    expect(summary?.text).toMatch(new RegExp(`^Terminal recording ended: ${before} commands, 4 failed, `));
    // `exit` ends the recording; it is not a command of its own.
    expect(commands()).toHaveLength(before);
  });

  it('passes colours through byte for byte and strips only its private marks', async () => {
    const sequence = '\x1b[31mred\x1b[0m';
    const run = (file: string, args: string[], env: Record<string, string>) =>
      new Promise<Buffer>((resolve) => {
        const chunks: Buffer[] = [];
        const p = ptySpawn(file, args, { cols: 80, rows: 24, cwd: userHome, env: { PATH: process.env.PATH ?? '', TERM: 'xterm-256color', HOME: userHome, ...env }, encoding: null });
        p.onData((d: string | Buffer) => {
          chunks.push(Buffer.isBuffer(d) ? d : Buffer.from(d));
          const text = Buffer.concat(chunks).toString('latin1');
          if (text.split('READY$').length === 2 && !text.includes('printf')) p.write("printf '\\033[31mred\\033[0m'; sleep 0.3; exit\r");
        });
        p.onExit(() => resolve(Buffer.concat(chunks)));
      });
    const plain = await run(bash, ['-i'], {});
    const { home: other, cleanup: done } = tempHome('oncall-record-bytes-');
    try {
      execFileSync(process.execPath, [oncallBin, '--home', other, 'incident', 'open', '--title', 'bytes', '--severity', 'P4']);
      const viaRecorder = await run(process.execPath, [oncallBin, '--home', other, 'record', '--shell', bash], {});
      const count = (b: Buffer) => b.toString('latin1').split(sequence).length - 1;
      // The command's echo shows the escapes as typed; the output is the raw sequence, once in each.
      expect(count(plain), JSON.stringify(plain.toString('latin1'))).toBe(1);
      expect(count(viaRecorder)).toBe(1);
      expect(viaRecorder.toString('latin1')).not.toContain('\x1b]633;');
      expect(viaRecorder.toString('latin1')).toContain('\x1b]133;C');
    } finally {
      done();
    }
  });
});
