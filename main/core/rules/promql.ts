/** Placeholder replaced by the PromQL syntax checker. */
export function checkPromql(expr: string): string | null {
  return expr.trim() === '' ? 'no expression found in input' : null;
}
