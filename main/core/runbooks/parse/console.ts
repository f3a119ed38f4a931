/**
 * Shell blocks written as a terminal transcript:
 *
 *     $ kubectl get pods -n monitoring \
 *         -o wide
 *     NAME        READY   STATUS
 *     prom-0      2/2     Running
 *
 * When any line starts with a `$ ` or `% ` prompt, only the prompt lines are commands (prompt
 * removed), together with their `\` continuation lines and the bodies of here-documents they open;
 * every other line is the output the author saw, kept to show beside the command and never run.
 */

const promptLine = /^\s*[$%] /;
/** A here-document opener (`<<EOF`, `<<-'EOF'`), not a here-string (`<<<`). */
const heredocOpener = /(?<!<)<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/g;

export interface Transcript {
  /** The commands, prompts removed; lines joined with "\n". */
  command: string;
  /** The lines that are not commands, as written (blank edges trimmed); empty when there are none. */
  output: string;
}

export function hasPrompts(content: string): boolean {
  return content.split('\n').some((line) => promptLine.test(line));
}

/** An odd number of trailing backslashes continues the line (`\\` at the end is a literal backslash). */
function continues(line: string): boolean {
  const trailing = /\\+$/.exec(line.trimEnd())?.[0].length ?? 0;
  return trailing % 2 === 1;
}

/** Splits a transcript into commands and output; undefined when the block has no prompt lines. */
export function splitTranscript(content: string): Transcript | undefined {
  if (!hasPrompts(content)) return undefined;
  const command: string[] = [];
  const output: string[] = [];
  let continuing = false;
  const pending: string[] = [];
  let heredocEnd: string | undefined;
  const openHeredocs = (line: string) => {
    for (const m of line.matchAll(heredocOpener)) pending.push(m[2] ?? '');
  };
  for (const line of content.split('\n')) {
    if (heredocEnd !== undefined) {
      command.push(line);
      if (line.replace(/^\t+/, '').trimEnd() === heredocEnd) heredocEnd = pending.shift();
      continue;
    }
    if (continuing || promptLine.test(line)) {
      const text = continuing ? line : line.replace(promptLine, '');
      command.push(text);
      openHeredocs(text);
      continuing = continues(text);
    } else {
      output.push(line);
      continue;
    }
    // The shell reads here-document bodies after the whole (continued) command line.
    if (!continuing && pending.length > 0) {
      heredocEnd = pending.shift();
    }
  }
  return { command: command.join('\n'), output: output.join('\n').replace(/^([ \t]*\n)+/, '').trimEnd() };
}
