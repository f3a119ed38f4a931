import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ZodType } from 'zod';
import type { ConfigIssue } from '../../../preload/contract';

/** Line and column (1-based) of a key in the parsed text, e.g. `['runbooks', 'dirs', 1]`: for problems found after parsing. */
export type Locate = (path: (string | number)[]) => { line: number; column: number };

/** YAML text through a zod schema; YAML and schema errors alike are located in the text (file, line, column, field). */
export function parseYamlWith<T>(
  schema: ZodType<T, unknown>,
  text: string,
  file: string,
  options: { merge?: boolean; prepare?: (doc: Document) => void } = {},
): { ok: true; value: T; locate: Locate } | { ok: false; issues: ConfigIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: options.merge ?? false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((err) => {
        const pos = lineCounter.linePos(err.pos[0]);
        return { file, line: pos.line, column: pos.col, field: '(yaml)', message: err.message.split('\n')[0] ?? err.message };
      }),
    };
  }
  const locate: Locate = (path) => {
    const pos = lineCounter.linePos(offsetOf(doc, path));
    return { line: pos.line, column: pos.col };
  };
  options.prepare?.(doc);
  const result = schema.safeParse(doc.toJS() ?? {});
  if (result.success) return { ok: true, value: result.data, locate };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      // Point at the unknown key itself, not the map that holds it.
      if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0]!);
      return { file, ...locate(path), field: formatPath(path), message: issue.message };
    }),
  };
}

/** `targets[0].interval` */
export function formatPath(path: (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The offset of the deepest node on the path that exists; for a map key, the key itself. */
function offsetOf(doc: Document, path: (string | number)[]): number {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true);
    const key = path[depth - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (keyRange) return keyRange[0];
      if (parent.range) return parent.range[0];
    }
    const node = doc.getIn(path.slice(0, depth), true) as Node | undefined;
    if (node?.range) return node.range[0];
  }
  return (doc.contents)?.range?.[0] ?? 0;
}
