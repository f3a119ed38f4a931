import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Expands rule-file patterns (`rules/*.yml`, `team/**\/*.yaml`) relative to a base folder, sorted.
 * Node 20 has no fs.glob; the patterns users write for rule files need only *, ? and **.
 */
export function expandGlobs(patterns: string[], base: string): string[] {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const abs = isAbsolute(pattern) ? pattern : resolve(base, pattern);
    if (!/[*?[]/.test(abs)) {
      found.add(abs);
      continue;
    }
    const parts = abs.split('/').filter(Boolean);
    walk('/', parts, found);
  }
  return [...found].sort();
}

function segmentRegex(segment: string): RegExp {
  const body = segment.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function walk(dir: string, parts: string[], out: Set<string>): void {
  const [head, ...rest] = parts;
  if (head === undefined) {
    if (!isDir(dir)) out.add(dir);
    return;
  }
  if (head === '**') {
    walk(dir, rest, out);
    for (const name of list(dir)) if (!name.startsWith('.') && isDir(join(dir, name))) walk(join(dir, name), parts, out);
    return;
  }
  if (!/[*?]/.test(head)) {
    walk(join(dir, head), rest, out);
    return;
  }
  const re = segmentRegex(head);
  for (const name of list(dir)) if (re.test(name) && !name.startsWith('.')) walk(join(dir, name), rest, out);
}
