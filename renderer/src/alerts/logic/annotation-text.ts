// Annotations are free text written by whoever wrote the alert rule. They are shown as paragraphs with
// `code` spans and clickable http(s) links, built as React nodes: never as HTML, so a hostile annotation
// (`<img onerror=…>`, `javascript:` URLs) stays inert text.

export type Inline = { kind: 'text'; text: string } | { kind: 'code'; text: string } | { kind: 'link'; text: string; href: string };

const inlinePattern = /`([^`\n]+)`|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>"')\]]+)/g;

/** The URL when it is http(s), else null: the one rule for every link made from text we did not write. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function inlines(line: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of line.matchAll(inlinePattern)) {
    const at = m.index;
    if (at > last) out.push({ kind: 'text', text: line.slice(last, at) });
    last = at + m[0].length;
    if (m[1] !== undefined) {
      out.push({ kind: 'code', text: m[1] });
      continue;
    }
    // A URL that ends a sentence keeps its full stop outside the link.
    const raw = m[3] ?? m[4]!.replace(/[.,;:!?]+$/, '');
    const href = safeHref(raw);
    const label = m[2] ?? raw;
    if (href) out.push({ kind: 'link', text: label, href });
    else out.push({ kind: 'text', text: m[0] });
    if (m[4] !== undefined && raw.length < m[4].length) last = at + raw.length;
  }
  if (last < line.length) out.push({ kind: 'text', text: line.slice(last) });
  return out;
}

/** Paragraphs (split on blank lines) of lines (kept as line breaks) of inline pieces. */
export function annotationBlocks(text: string): Inline[][][] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => p.split('\n').map(inlines));
}
