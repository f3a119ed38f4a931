// What the corpus test knows about a Markdown file without the parser under test: the prompt lines
// and printed-output lines of its shell blocks, read with a plain line scanner of fenced blocks.

const shellLanguages = new Set(['sh', 'bash', 'shell', 'zsh', 'console', 'shell-session']);

export interface TranscriptLines {
  /** Lines after a `$ `/`% ` prompt line in the same block that are not continuations or here-document bodies. */
  output: string[];
  /** Number of prompt lines seen. */
  prompts: number;
}

export function transcriptLines(markdown: string): TranscriptLines {
  const result: TranscriptLines = { output: [], prompts: 0 };
  let fence: { marker: string; shell: boolean; lines: string[] } | null = null;
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const open = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (!fence) {
      if (open) fence = { marker: open[1] ?? '```', shell: shellLanguages.has((open[2] ?? '').toLowerCase()), lines: [] };
      continue;
    }
    if (line.trim().startsWith(fence.marker) && line.trim().replace(/[`~]/g, '') === '') {
      if (fence.shell) scanBlock(fence.lines, result);
      fence = null;
      continue;
    }
    fence.lines.push(line);
  }
  return result;
}

function scanBlock(lines: string[], result: TranscriptLines): void {
  const isPrompt = (l: string) => /^\s*[$%] /.test(l);
  if (!lines.some(isPrompt)) return;
  let seenPrompt = false;
  let prev = '';
  let heredoc: string | null = null;
  for (const line of lines) {
    if (heredoc !== null) {
      if (line.trim() === heredoc) heredoc = null;
      prev = line;
      continue;
    }
    if (isPrompt(line)) {
      result.prompts++;
      seenPrompt = true;
      const h = /<<-?\s*['"]?([A-Za-z_]\w*)['"]?/.exec(line);
      if (h && !line.includes('<<<')) heredoc = h[1] ?? null;
    } else if (seenPrompt && !/\\\s*$/.test(prev) && line.trim() !== '') {
      result.output.push(line.trim());
    }
    prev = line;
  }
}
