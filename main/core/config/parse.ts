import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ConfigIssue } from '../../../preload/contract';
import type { ZodType } from 'zod';
import { configDocumentPreparers, configFileResolvers, configSchema, type Config } from './schema';

export type ParseResult = { ok: true; config: Config; files: string[] } | { ok: false; issues: ConfigIssue[]; files?: string[] };

/** Parses and validates config.yml text, then the files it references; every problem names file, line, column and field. */
export function parseConfigText(text: string, file: string): ParseResult {
  const parsed = parseYamlWith(configSchema, text, file, { prepare: (doc) => configDocumentPreparers.forEach((prepare) => prepare(doc)) });
  if (!parsed.ok) return parsed;
  let config = parsed.value;
  const issues: ConfigIssue[] = [];
  const files: string[] = [];
  for (const resolve of configFileResolvers) {
    const out = resolve(config, file);
    config = out.config;
    issues.push(...out.issues);
    files.push(...out.files);
  }
  return issues.length ? { ok: false, issues, files } : { ok: true, config, files };
}

/** YAML text through a zod schema; YAML and schema errors alike are located in the text. */
export function parseYamlWith<T>(
  schema: ZodType<T, unknown>,
  text: string,
  file: string,
  options: { merge?: boolean; prepare?: (doc: Document) => void } = {},
): { ok: true; value: T } | { ok: false; issues: ConfigIssue[] } {
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
  options.prepare?.(doc);
  const result = schema.safeParse(doc.toJS() ?? {});
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      // Point at the unknown key itself, not the map that holds it.
      if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0]!);
      const pos = lineCounter.linePos(offsetOf(doc, path));
      return { file, line: pos.line, column: pos.col, field: formatPath(path), message: issue.message };
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
