/** `{{name}}` and `{{ labels.instance }}` placeholders. */
export const placeholderPattern = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)\s*\}\}/g;

export function placeholderNames(text: string): string[] {
  return [...text.matchAll(placeholderPattern)].map((m) => m[1] ?? '');
}

/** Replaces each placeholder with `fill(name)`; the callback decides quoting for its context. */
export function replacePlaceholders(text: string, fill: (name: string, offset: number) => string): string {
  return text.replace(placeholderPattern, (_match, name: string, offset: number) => fill(name, offset));
}
