/**
 * `<namespace>`-style holes: the way most public runbooks say "put your value here"
 * (`kubectl -n <namespace> get pods`). Run as written, a shell reads `<namespace>` as two
 * redirections, so each hole becomes a `{{param}}` placeholder instead: asked for like a param,
 * filled from an alert label of the same name, and quoted for the shell like any other value.
 */

/** `<` after a word boundary, a name (spaces, dots and dashes inside), `>` not followed by a word character. */
const holePattern = /(^|[\s='"/:(,@[{])<([A-Za-z](?:[A-Za-z0-9_. -]*[A-Za-z0-9_])?)>(?![A-Za-z0-9_])/gm;
/** Runbooks generated from alert rules say which label they mean. */
const labelHole = /^value of (?:the )?([A-Za-z_][A-Za-z0-9_]*) label(?: from (?:the )?alert)?$/i;

export interface Hole {
  /** The param the hole asks for. */
  name: string;
  /** As written, without the angle brackets. */
  written: string;
}

export function holeParamName(written: string): string {
  const label = labelHole.exec(written.trim());
  if (label?.[1]) return label[1];
  const name = written.trim().replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** Replaces the holes of a command or query by placeholders; returns the new text and the holes met. */
export function replaceHoles(text: string): { text: string; holes: Hole[] } {
  const holes: Hole[] = [];
  const replaced = text.replace(holePattern, (_whole, before: string, written: string) => {
    const name = holeParamName(written);
    if (!name) return _whole;
    holes.push({ name, written });
    return `${before}{{${name}}}`;
  });
  return { text: replaced, holes };
}

const heredocOpener = /(?<!<)<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/g;

/**
 * The same for a shell script, except inside here-document bodies: there `<value>` is data for
 * the program, not shell syntax, and no value can be quoted safely into it, so it stays as written.
 */
export function replaceShellHoles(script: string): { text: string; holes: Hole[] } {
  const holes: Hole[] = [];
  const pending: string[] = [];
  let inBody: string | undefined;
  const lines = script.split('\n').map((line) => {
    if (inBody !== undefined) {
      if (line.replace(/^\t+/, '').trimEnd() === inBody) inBody = pending.shift();
      return line;
    }
    for (const m of line.matchAll(heredocOpener)) pending.push(m[2] ?? '');
    const replaced = replaceHoles(line);
    holes.push(...replaced.holes);
    if (pending.length > 0 && !/\\$/.test(line)) inBody = pending.shift();
    return replaced.text;
  });
  return { text: lines.join('\n'), holes };
}
