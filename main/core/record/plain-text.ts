/**
 * What a command printed, as text a person reads in the journal: escape sequences removed (colours,
 * cursor moves, titles), carriage-return redraws (progress bars) and backspaces resolved per line,
 * and full-screen programs (vim, less, top) left out, since their redraws are not readable text.
 */

/* eslint-disable no-control-regex -- terminal output is made of control characters: matching them is the point */

// The alternate screen that full-screen programs switch to and back from.
const altScreen = /\x1b\[\?(?:1049|1047|47)([hl])/g;
// OSC (to BEL or ST), DCS/SOS/PM/APC (to ST), CSI, and the two- and three-byte ESC sequences.
// Bounded classes without nested quantifiers: linear on any input.
const escapes = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[P^_X][^\x1b]*(?:\x1b\\)?|\x1b\[[0-?]*[ -/]*[@-~]?|\x1b[ -/]*[0-~]?|\x9b[0-?]*[ -/]*[@-~]?/g;
const controls = /[\x00-\x08\x0b-\x1f\x7f]/g;

export const fullScreenNote = '[full-screen program: screen output not recorded]';

export function plainText(raw: string): string {
  return withoutFullScreen(raw)
    .replace(escapes, '')
    .split('\n')
    .map(resolveLine)
    .join('\n')
    .replace(controls, '');
}

function withoutFullScreen(raw: string): string {
  if (!raw.includes('\x1b[?')) return raw;
  let out = '';
  let from = 0;
  let inside = false;
  let noted = false;
  for (const m of raw.matchAll(altScreen)) {
    if (!inside) out += raw.slice(from, m.index);
    const entering = m[1] === 'h';
    if (entering && !inside && !noted) {
      out += `${fullScreenNote}\n`;
      noted = true;
    }
    inside = entering;
    from = m.index + m[0].length;
  }
  if (!inside) out += raw.slice(from);
  return out;
}

/** A line as the terminal finally shows it after `\r` (back to column 0) and `\b` (one column left). */
function resolveLine(line: string): string {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (!text.includes('\r') && !text.includes('\b')) return text;
  const cells: string[] = [];
  let col = 0;
  for (const ch of text) {
    if (ch === '\r') col = 0;
    else if (ch === '\b') col = Math.max(0, col - 1);
    else cells[col++] = ch;
  }
  return cells.join('');
}
