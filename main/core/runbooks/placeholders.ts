/**
 * `{{name}}` and `{{ labels.instance }}` placeholders, and the escapes `{{"{{"}}` / `{{"}}"}}` that
 * write a literal `{{` or `}}` (the same spelling Go templates use, so Helm and kubectl users know it).
 * Group 1 is an escaped literal, group 2 a placeholder name.
 */
export const placeholderPattern = /\{\{\s*(?:"(\{\{|\}\})"|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?))\s*\}\}/g;

/**
 * Go-template words that look like placeholders (`{{end}}` closing a kubectl `{{range}}`): they are
 * never filled, whatever labels an alert carries, so such templates reach the tool as written.
 */
export const templateKeywords: ReadonlySet<string> = new Set(['end', 'else', 'break', 'continue', 'nil', 'range', 'if', 'with', 'define', 'template', 'block', 'and', 'or', 'not', 'len', 'index', 'print', 'printf', 'println']);

export interface PlaceholderMatch {
  /** Set for a placeholder; undefined for an escaped literal. */
  name?: string;
  /** The text an escape stands for (`{{` or `}}`). */
  literal?: string;
  offset: number;
  length: number;
}

/** Every placeholder and escape in text, in order. */
export function scanPlaceholders(text: string): PlaceholderMatch[] {
  return [...text.matchAll(placeholderPattern)].map((m) => (m[1] !== undefined ? { literal: m[1], offset: m.index, length: m[0].length } : { name: m[2] ?? '', offset: m.index, length: m[0].length }));
}

/** Names that may be filled (template keywords excluded). */
export function placeholderNames(text: string): string[] {
  return scanPlaceholders(text).flatMap((m) => (m.name !== undefined && !templateKeywords.has(m.name) ? [m.name] : []));
}

/**
 * Replaces each placeholder with `fill(name, offset)` (the callback decides quoting for its context;
 * returning undefined keeps the text as written) and each escape with its literal.
 */
export function replacePlaceholders(text: string, fill: (name: string, offset: number) => string | undefined): string {
  return text.replace(placeholderPattern, (whole: string, literal: string | undefined, name: string | undefined, offset: number) => {
    if (literal !== undefined) return literal;
    if (name === undefined || templateKeywords.has(name)) return whole;
    return fill(name, offset) ?? whole;
  });
}
