import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ConfigIssue } from '../../../preload/contract';
import type { z } from 'zod';
import type { Config } from './compose';

/** Line and column (1-based) of a key in config.yml, e.g. `['runbooks', 'dirs', 1]`: for problems found after parsing. */
export type Locate = (path: (string | number)[]) => { line: number; column: number };

export type ParseResult = { ok: true; config: Config; locate: Locate } | { ok: false; issues: ConfigIssue[] };

/**
 * Where a problem sits when it is not in config.yml itself: a section that reads another file
 * (an alertmanager.yml named in config.yml) adds a custom issue with `params: { location }`, and the
 * issue is reported at that file, line and column instead of at the key that named the file.
 */
export interface ElsewhereLocation {
  file: string;
  line: number;
  column: number;
  /** The field inside that file (`route.routes[2].matchers`); default: the config.yml path. */
  field?: string;
}

/** Parses and validates config.yml text with a composed schema; every problem names file, line, column and field. */
export function parseConfigYaml(schema: z.ZodType<Config>, text: string, file: string): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((err) => {
        const pos = lineCounter.linePos(err.pos[0]);
        return { file, line: pos.line, column: pos.col, field: '(yaml)', message: err.message.split('\n')[0] ?? err.message };
      }),
    };
  }
  const result = schema.safeParse(doc.toJS() ?? {});
  const locate: Locate = (path) => {
    const pos = lineCounter.linePos(offsetOf(doc, path));
    return { line: pos.line, column: pos.col };
  };
  if (result.success) return { ok: true, config: result.data, locate };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      const elsewhere = issue.code === 'custom' ? locationIn(issue.params) : null;
      if (elsewhere) return { file: elsewhere.file, line: elsewhere.line, column: elsewhere.column, field: elsewhere.field ?? formatPath(path), message: issue.message };
      return { file, ...locate(path), field: formatPath(path), message: issue.message };
    }),
  };
}

function locationIn(params: Record<string, unknown> | undefined): ElsewhereLocation | null {
  const location = params?.location as Partial<ElsewhereLocation> | undefined;
  if (typeof location?.file !== 'string' || typeof location.line !== 'number' || typeof location.column !== 'number') return null;
  return { file: location.file, line: location.line, column: location.column, ...(typeof location.field === 'string' ? { field: location.field } : {}) };
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
