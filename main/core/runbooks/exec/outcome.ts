/** What a step ended with, in words: `exit 3`, `HTTP 503`, `2 results`; null when nothing is known. */
export function outcomeOf(kind: string, code: number | null): string | null {
  if (code === null) return null;
  switch (kind) {
    case 'ssh':
    case 'local':
      return `exit ${code}`;
    case 'http':
      return `HTTP ${code}`;
    case 'promql':
      return `${code} result${code === 1 ? '' : 's'}`;
    default:
      return null;
  }
}
