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
