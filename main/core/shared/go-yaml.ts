import { isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode, type Pair } from 'yaml';

/**
 * What Go's yaml packages (v2 for promtool's test files, v3 for rule files) do with anchors,
 * aliases and `<<:` merge keys before any field is decoded: an alias reads as the node it names,
 * and a map with `<<: *anchor` (or `<<: [*a, *b]`) gains the merged map's keys, keys written in
 * the map itself winning over merged ones and earlier merged maps over later ones. Applied in
 * place to a parsed document, so decoders that walk the node tree need not know about either.
 */
export function resolveGoYaml(doc: Document): void {
  const done = new Set<YamlNode>();
  const visit = (node: unknown): unknown => {
    if (isAlias(node)) return visit(node.resolve(doc));
    if (!isMap(node) && !isSeq(node)) return node;
    if (done.has(node)) return node;
    done.add(node);
    if (isSeq(node)) {
      node.items = node.items.map(visit);
      return node;
    }
    const own: Pair[] = [];
    const merged: Pair[] = [];
    for (const pair of node.items) {
      if (!isMergeKey(pair.key)) {
        pair.value = visit(pair.value);
        own.push(pair);
        continue;
      }
      const value = visit(pair.value);
      const sources = isSeq(value) ? value.items.map(visit) : [value];
      for (const source of sources) if (isMap(source)) merged.push(...(source.items));
    }
    if (merged.length > 0) {
      const seen = new Set(own.map((p) => keyText(p.key)));
      const items = [...own];
      for (const pair of merged) {
        const key = keyText(pair.key);
        if (seen.has(key)) continue;
        seen.add(key);
        items.push(pair);
      }
      node.items = items;
    }
    return node;
  };
  doc.contents = visit(doc.contents) as typeof doc.contents;
}

/** `<<` written plainly is a merge key; quoted (`"<<"`) it is an ordinary key, as in YAML 1.1. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && key.type === 'PLAIN';
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/**
 * go-yaml accepts a quoted scalar whose continuation lines are indented no deeper than its key
 * (a multi-line `'…{\n  a="b"\n}'` closed at the key's column); the `yaml` package, following the
 * spec, does not. Continuation lines are folded with their leading spaces dropped, so indenting
 * them further changes no value: this returns the text with each such line indented one column
 * past its key. Used only to retry a document the strict parse refused.
 */
export function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  let quote: string | null = null;
  let minIndent = 0;
  let blockIndent = -1;
  const indentOf = (line: string) => (/^[ \t]*/.exec(line)?.[0] ?? '').length;
  for (let li = 0; li < lines.length; li++) {
    let line = lines[li] as string;
    if (quote === null && blockIndent >= 0) {
      if (line.trim() === '' || indentOf(line) > blockIndent) continue;
      blockIndent = -1;
    }
    if (quote !== null && line.trim() !== '' && indentOf(line) < minIndent) line = lines[li] = ' '.repeat(minIndent) + line.trimStart();
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string;
      if (quote !== null) {
        if (quote === '"' && c === '\\') i++;
        else if (c === quote && quote === "'" && line[i + 1] === "'") i++;
        else if (c === quote) quote = null;
        continue;
      }
      if (c === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) break;
      if ((c === '"' || c === "'") && /(?:^|[:\-[{,?])\s*$/.test(line.slice(0, i))) {
        quote = c;
        minIndent = (/^[ \t]*(?:-[ \t]+)*/.exec(line)?.[0] ?? '').length + 1;
      }
    }
    if (quote === null && /(?:^|[:-])\s*[|>][-+0-9]*\s*(?:#.*)?$/.test(line)) blockIndent = indentOf(line);
  }
  return lines.join('\n');
}
