/**
 * Splits what the shell's pty prints into terminal output and the shell-integration marks among it.
 * Works on latin1 strings (one character per byte), so the bytes forwarded to the user's terminal
 * are exactly the bytes the pty delivered: no UTF-8 sequence is ever decoded, split or re-encoded.
 *
 * Two families are recognised: OSC 133 (FinalTerm's prompt/command marks, which VS Code, WezTerm and
 * iTerm2 understand too) is passed through to the terminal as well as reported; OSC 633 carries the
 * command line and the working directory with our session's nonce and is consumed, so it never
 * reaches the user's terminal (an outer VS Code terminal would read it as its own).
 */

export type PtyEvent =
  /** Output of the shell or of a program: forwarded and, while a command runs, recorded. */
  | { kind: 'data'; bytes: Buffer }
  /** A mark; `forward` holds its bytes when the terminal should still see it (OSC 133). */
  | { kind: 'mark'; family: '133' | '633'; params: string[]; forward: Buffer | null };

const prefixes = ['\x1b]133;', '\x1b]633;'] as const;
const prefixLength = 6;
/** A mark longer than this is not ours (ours hold one command line): let it through as output. */
const maxMarkLength = 256 * 1024;

export class OscScanner {
  private held = '';

  /** True while the end of the last chunk might begin a mark; call `release()` after a quiet moment. */
  get holding(): boolean {
    return this.held.length > 0;
  }

  push(chunk: Buffer): PtyEvent[] {
    const s = this.held + chunk.toString('latin1');
    this.held = '';
    const events: PtyEvent[] = [];
    const data = (from: number, to: number) => {
      if (to > from) events.push({ kind: 'data', bytes: Buffer.from(s.slice(from, to), 'latin1') });
    };
    let start = 0;
    let i = 0;
    for (;;) {
      const at = s.indexOf('\x1b', i);
      if (at < 0) break;
      const rest = s.length - at;
      if (rest < prefixLength && prefixes.some((p) => p.startsWith(s.slice(at)))) {
        // Possibly the start of a mark cut by the read: wait for the next chunk (or release()).
        data(start, at);
        this.held = s.slice(at);
        return events;
      }
      const family = s.startsWith(prefixes[0], at) ? '133' : s.startsWith(prefixes[1], at) ? '633' : null;
      if (!family) {
        i = at + 1;
        continue;
      }
      const end = terminator(s, at + prefixLength);
      if (!end) {
        if (rest > maxMarkLength) {
          i = at + 1;
          continue;
        }
        data(start, at);
        this.held = s.slice(at);
        return events;
      }
      data(start, at);
      const raw = s.slice(at, end.after);
      events.push({ kind: 'mark', family, params: s.slice(at + prefixLength, end.at).split(';'), forward: family === '133' ? Buffer.from(raw, 'latin1') : null });
      start = i = end.after;
    }
    data(start, s.length);
    return events;
  }

  /** Lets a held tail through as plain output: no mark followed (a lone ESC typed in vim, say). */
  release(): PtyEvent[] {
    const held = this.held;
    this.held = '';
    return held ? [{ kind: 'data', bytes: Buffer.from(held, 'latin1') }] : [];
  }
}

/** Where an OSC body ends: BEL or ST (ESC \). */
function terminator(s: string, from: number): { at: number; after: number } | null {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x07) return { at: i, after: i + 1 };
    if (c === 0x1b) return s.length > i + 1 ? (s[i + 1] === '\\' ? { at: i, after: i + 2 } : { at: i, after: i }) : null;
  }
  return null;
}

/** Undoes the escaping of OSC 633 values (VS Code's rule: `\\` for a backslash, `\xHH` for `;` and bytes <= 0x20). */
export function unescapeMarkValue(value: string): string {
  return value.replace(/\\(\\|x([0-9a-fA-F]{2}))/g, (_m, what: string, hex: string | undefined) => (hex ? String.fromCharCode(parseInt(hex, 16)) : what));
}
