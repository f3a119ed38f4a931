// The floors of the core (docs/architecture.md, "Layers"), as a lint rule: an import may go down or
// sideways, never up. Relative imports are resolved against the importing file, so the rule sees
// where an import lands, not how its path is spelled. Package imports (zod, yaml, node:fs) are not
// its business; the electron ban is a separate rule in eslint.config.mjs.
import { dirname, relative, resolve } from 'node:path';

const contract = ['preload/contract.ts', 'preload/contract/'];
const shared = ['main/core/shared/'];
const config = ['main/core/config/'];
const base = ['main/core/context.ts', 'main/core/home.ts'];
const compositionRoot = ['main/core/engine.ts', 'main/core/composed-config.ts', 'main/core/composed-checks.ts'];
const faces = ['main/cli/', 'main/web/', 'main/electron/', 'preload/bridge.ts', 'renderer/'];

/**
 * From the bottom up; the first floor whose `files` match the importing file applies. `mayImport`
 * lists everything the floor may reach (its own files included); `mayNotImport` is for the domains,
 * which may use each other but not what composes them.
 */
export const floors = [
  { name: 'shared', files: shared, mayImport: [...shared, ...contract] },
  { name: 'config', files: config, mayImport: [...config, ...shared, ...contract] },
  { name: 'context', files: base, mayImport: [...base, ...config, ...shared, ...contract] },
  // The language engines are used by rules/ and slo/ through their index.ts; they reach nothing above.
  { name: 'promql', files: ['main/core/rules/promql/'], mayImport: ['main/core/rules/promql/', ...shared, ...contract] },
  { name: 'template', files: ['main/core/rules/template/'], mayImport: ['main/core/rules/template/', ...shared, ...contract] },
  { name: 'composition root', files: compositionRoot, mayNotImport: faces },
  { name: 'domains', files: ['main/core/'], mayNotImport: [...compositionRoot, ...faces] },
];

const within = (path, prefixes) => prefixes.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p || path === p.replace(/\.ts$/, '')));

/** The project-relative path an import lands on, without extension; null for packages. */
export function importTarget(root, file, specifier) {
  if (!specifier.startsWith('.')) return null;
  return relative(root, resolve(dirname(file), specifier)).replace(/\.tsx?$/, '').split('\\').join('/');
}

/** Why `specifier` in `file` crosses a floor, or null when it may. Both paths absolute or root-relative. */
export function layerViolation(root, file, specifier) {
  const from = relative(root, resolve(root, file)).split('\\').join('/');
  const floor = floors.find((f) => within(from, f.files));
  const target = importTarget(root, resolve(root, file), specifier);
  if (!floor || target === null) return null;
  // A folder import (`../config`) lands on its index.ts.
  const candidates = [target, `${target}.ts`, `${target}/index.ts`, `${target}/`];
  if (floor.mayImport && !candidates.some((t) => within(t, floor.mayImport))) {
    return `${floor.files.join(', ')} may import only ${floor.mayImport.join(', ')}, but "${specifier}" reaches up into ${target} (docs/architecture.md, Layers)`;
  }
  if (floor.mayNotImport && candidates.some((t) => within(t, floor.mayNotImport))) {
    return `${floor.name} may not import ${target} ("${specifier}"): it sits above them (docs/architecture.md, Layers)`;
  }
  return null;
}

/** `layers/floors`: the ESLint face of layerViolation. */
export function layersPlugin(root) {
  const floorsRule = {
    meta: { type: 'problem', docs: { description: 'imports in main/core go down or sideways, never up a floor' }, schema: [] },
    create(context) {
      const check = (node) => {
        const source = node.source;
        if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
        const message = layerViolation(root, context.filename, source.value);
        if (message) context.report({ node: source, message });
      };
      return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
    },
  };
  return { rules: { floors: floorsRule } };
}
