import { describe, expect, it } from 'vitest';
import { OutputSink } from '../../../main/core/runbooks/exec/output';
import { StreamMasker } from '../../../main/core/runbooks/exec/stream-mask';
import { FakeClock } from '../../support/fake-clock';

/** A step that prints a secret param: what is stored and what is streamed to the faces. */
function sink(secrets: string[]) {
  const clock = new FakeClock();
  const stored: Buffer[] = [];
  const events: string[] = [];
  const out = new OutputSink({ clock, persist: (_seq, chunk) => stored.push(chunk), emit: (text) => events.push(text), flushBytes: 4, eventEveryMs: 10, secrets });
  return { clock, out, stored: () => Buffer.concat(stored).toString('utf8'), events };
}

describe('secret values in command output', () => {
  it('never reach the database, even when the value is split across stored chunks', () => {
    const s = sink(['hunter2-täglich']);
    for (const piece of ['token=hun', 'ter2-tä', 'glich\n', 'done hunter2-täglich\n']) s.out.write(Buffer.from(piece));
    s.out.finish();
    expect(s.stored()).toBe('token=***\ndone ***\n');
  });

  it('never reach the live stream, even when the value is split across two events', () => {
    const s = sink(['hunter2']);
    s.out.write(Buffer.from('token=hun'));
    s.clock.advance(10);
    s.out.write(Buffer.from('ter2 ok\n'));
    s.clock.advance(10);
    s.out.finish();
    expect(s.events.join('')).toBe('token=*** ok\n');
    for (const e of s.events) expect(e).not.toMatch(/hun|ter2/);
  });

  it('keep the kept output raw for expect_output, and leave output without secrets as it was', () => {
    const s = sink([]);
    s.out.write(Buffer.from('plain output\n'));
    expect(s.out.finish().text).toBe('plain output\n');
    expect(s.stored()).toBe('plain output\n');
  });

  it('holds back only what could start a secret', () => {
    const m = new StreamMasker(['abcdef']);
    const first = m.push('xxxxabc');
    expect(first).toBe('xx');
    const rest = m.push('defyy') + m.end();
    expect(first + rest).toBe('xxxx***yy');
  });
});
