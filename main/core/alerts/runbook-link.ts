import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { AlertView, RunbookLink } from '../../../preload/contract';

/** Where runbooks live: the bundled ones, `<home>/runbooks` and every `runbooks.dirs` entry. */
export function runbookFolders(resourcesDir: string, home: string, dirs: readonly string[]): string[] {
  return [...new Set([join(home, 'runbooks'), ...dirs.map((d) => (isAbsolute(d) ? d : resolve(home, d))), join(resourcesDir, 'runbooks')])];
}

/** `https://wiki/runbooks/disk-full.md#step-2` -> `disk-full`: the last path segment, no extension. */
export function runbookKey(reference: string): string {
  let path = reference.trim();
  try {
    const url = new URL(path);
    path = url.pathname;
  } catch {
    path = path.replace(/[?#].*$/, '');
  }
  const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // keep the raw segment
  }
  return decoded.replace(/\.(md|markdown|html?)$/i, '').toLowerCase();
}

function markdownFiles(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) return [];
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((n) => /\.(md|markdown)$/i.test(n))
      .map((n) => join(dir, n))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Parameter names from `params:` as the runbook library writes them (a map: `service: { default: api }`)
 * or as a list (`- name: service`). Unreadable YAML gives none: the alert's labels are then all offered.
 */
function paramNames(front: string): string[] {
  let params: unknown;
  try {
    params = (parseYaml(front) as { params?: unknown } | null)?.params;
  } catch {
    return [];
  }
  if (Array.isArray(params)) return params.flatMap((p) => (p && typeof p === 'object' && typeof (p as { name?: unknown }).name === 'string' ? [(p as { name: string }).name] : []));
  if (params && typeof params === 'object') return Object.keys(params);
  return [];
}

/** Front-matter id and first heading, read cheaply (the runbook library parses files fully). */
function describe(file: string): { id: string; title: string; params: string[] } {
  const fallback = basename(file).replace(/\.(md|markdown)$/i, '').toLowerCase();
  let text = '';
  try {
    text = readFileSync(file, 'utf8').slice(0, 8192);
  } catch {
    return { id: fallback, title: fallback, params: [] };
  }
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  const id = /^id:\s*["']?([^"'\n]+?)["']?\s*$/m.exec(front)?.[1]?.toLowerCase() ?? fallback;
  const title = /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? id;
  return { id, title, params: paramNames(front) };
}

/**
 * Resolves an alert's `runbook_url` annotation: a local Markdown runbook whose id or file name equals
 * the URL's last segment (the alert's labels become its parameters), otherwise the URL itself.
 * The one place to swap in the runbook library's resolver once the runbooks domain exports it.
 */
export function resolveRunbook(alert: Pick<AlertView, 'annotations' | 'labels'>, folders: readonly string[]): RunbookLink | null {
  const url = alert.annotations.runbook_url ?? alert.annotations.runbook;
  if (!url) return null;
  const key = runbookKey(url);
  if (key) {
    for (const dir of folders) {
      for (const file of markdownFiles(dir)) {
        const fileKey = basename(file).replace(/\.(md|markdown)$/i, '').toLowerCase();
        const info = describe(file);
        if (info.id !== key && fileKey !== key) continue;
        const wanted = info.params.length ? info.params : Object.keys(alert.labels);
        const params: Record<string, string> = {};
        for (const name of wanted) if (alert.labels[name] !== undefined) params[name] = alert.labels[name];
        return { kind: 'local', id: info.id, path: file, title: info.title, params };
      }
    }
  }
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return { kind: 'external', url: parsed.href };
  } catch {
    // not a URL and no local match
  }
  return null;
}
