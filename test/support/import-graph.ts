import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * The project's import graph as the TypeScript compiler sees it, and the circles in it.
 *
 * Every kind of edge counts: static imports, `import type`, re-exports, `import()` expressions and
 * `import('x').T` type references. Type-only edges are kept on purpose: a circle made of types still
 * ties two modules into one unit that cannot be understood, tested or moved apart, and one of the two
 * circles issue 12 removed (cli/commands/runbook.ts <-> cli/runbook-exec.ts) was a type import one way
 * and an `import()` the other; a checker blind to either would not have seen it.
 * `declare module '…'` augmentations are not edges: they add to a lower module's types without
 * loading it, and the composition of config sections depends on them.
 */

export interface ImportEdge {
  specifier: string;
  line: number;
}

/** The module specifiers a file refers to, with their 1-based line. */
export function importsOf(fileName: string, text: string): ImportEdge[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const edges: ImportEdge[] = [];
  const add = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node)) edges.push({ specifier: node.text, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || (ts.isExportDeclaration(node) && node.moduleSpecifier)) {
      if (node.moduleSpecifier) add(node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      add(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const sourceFile = /\.(ts|tsx|mts|cts)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? filesUnder(path) : sourceFile.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

// The options of main/tsconfig.base.json that decide how a specifier resolves.
const resolution: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, resolveJsonModule: true, jsx: ts.JsxEmit.ReactJSX };

/** file -> the project files it imports, for every source file under the given folders (relative to root). */
export function importGraph(root: string, folders: string[]): Map<string, { target: string; line: number }[]> {
  const files = folders.flatMap((f) => filesUnder(join(root, f)));
  const known = new Set(files);
  const graph = new Map<string, { target: string; line: number }[]>();
  const cache = ts.createModuleResolutionCache(root, (name) => name, resolution);
  for (const file of files) {
    const targets: { target: string; line: number }[] = [];
    for (const edge of importsOf(file, readFileSync(file, 'utf8'))) {
      const resolved = ts.resolveModuleName(edge.specifier, file, resolution, ts.sys, cache).resolvedModule;
      // Packages and files outside the folders checked cannot be part of a circle among them.
      if (resolved && !resolved.isExternalLibraryImport && known.has(resolved.resolvedFileName)) targets.push({ target: resolved.resolvedFileName, line: edge.line });
    }
    graph.set(file, targets);
  }
  return graph;
}

/**
 * One circle per strongly connected component (Tarjan), written as `a.ts:3 -> b.ts:7 -> a.ts` with
 * the line of each import, paths relative to root. Empty when the graph has no circle.
 */
export function findCycles(graph: Map<string, { target: string; line: number }[]>, root: string): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  // Iterative, so a long import chain cannot overflow the call stack.
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++]!.target;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = (graph.get(frame.node) ?? []).some((e) => e.target === frame.node);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }
  return components.map((c) => describeCycle(graph, new Set(c), root));
}

/** The shortest circle through the component's first file (by name), found breadth-first. */
function describeCycle(graph: Map<string, { target: string; line: number }[]>, members: Set<string>, root: string): string {
  const start = [...members].sort()[0]!;
  const cameFrom = new Map<string, { from: string; line: number }>();
  const queue = [start];
  let closing: { from: string; line: number } | null = null;
  while (queue.length > 0 && !closing) {
    const node = queue.shift()!;
    for (const edge of graph.get(node) ?? []) {
      if (!members.has(edge.target)) continue;
      if (edge.target === start) {
        closing = { from: node, line: edge.line };
        break;
      }
      if (!cameFrom.has(edge.target)) {
        cameFrom.set(edge.target, { from: node, line: edge.line });
        queue.push(edge.target);
      }
    }
  }
  let at = closing!;
  const path: { file: string; line: number }[] = [{ file: at.from, line: at.line }];
  while (at.from !== start) {
    at = cameFrom.get(at.from)!;
    path.unshift({ file: at.from, line: at.line });
  }
  // path[i] is the file that imports the next one, with the line of that import.
  const text = path.map((p) => `${relative(root, p.file)}:${p.line}`);
  return `${text.join(' -> ')} -> ${relative(root, start)}`;
}
