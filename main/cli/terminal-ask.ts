import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';

/** Questions to the engineer at the terminal. `null`: they pressed Ctrl-C or closed stdin. */
export interface Asker {
  ask(question: string): Promise<string | null>;
  /** Like ask, but what is typed is not echoed (passphrases). */
  askHidden(question: string): Promise<string | null>;
  close(): void;
  /** Ctrl-C while no question is open (a step is running): the terminal is in raw mode, so no SIGINT arrives. */
  onIdleInterrupt?: () => void;
}

/** A readline on stdin whose echo can be switched off, so a passphrase never appears on screen. */
export function terminalAsker(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Asker {
  let muted = false;
  const echo = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) output.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input, output: echo, terminal: true });
  let pending: AbortController | null = null;
  const asker: Asker = {
    ask: (q) => ask(q, false),
    askHidden: (q) => ask(q, true),
    close: () => rl.close(),
  };
  // Ctrl-C while a question is open answers it with null (the caller stops or pauses the run).
  rl.on('SIGINT', () => (pending ? pending.abort() : asker.onIdleInterrupt?.()));
  rl.on('close', () => pending?.abort());
  const ask = async (question: string, hidden: boolean): Promise<string | null> => {
    pending = new AbortController();
    output.write(question);
    muted = hidden;
    try {
      return (await rl.question('', { signal: pending.signal })).trim();
    } catch {
      return null;
    } finally {
      if (hidden) output.write('\n');
      muted = false;
      pending = null;
    }
  };
  return asker;
}
