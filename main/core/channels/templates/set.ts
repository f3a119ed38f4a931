import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { execute, parseTemplate, TemplateSyntaxError, type ParsedTemplate, type TemplateNode } from '../../rules/template';
import type { NotificationData } from '../message';
import type { TemplateRenderer } from '../integrations/types';
import { templateData } from './data';
import { defaultTemplates } from './defaults';
import { alertmanagerFunctionNames, alertmanagerFunctions } from './functions';

/**
 * Alertmanager's template set: its defaults, then every file the `templates:` globs of
 * alertmanager.yml match (relative to that file's folder), so a team's `{{ define }}`s override
 * the defaults and each other in that order. A receiver's field (`title: '{{ template "x" . }}'`)
 * is parsed on its own against the whole set, as Alertmanager's ExecuteTextString does.
 */

const isFunction = (name: string) => alertmanagerFunctionNames.has(name);

function parse(name: string, text: string): ParsedTemplate {
  try {
    return parseTemplate(name, text, isFunction);
  } catch (err) {
    if (err instanceof TemplateSyntaxError) throw new Error(`template: ${name}:${text.slice(0, err.pos).split('\n').length}: ${err.message}`);
    throw err;
  }
}

const defaults = parse('default.tmpl', defaultTemplates).defines;

/** Go's filepath.Match for one path segment: `*`, `?`, `[...]` (with `^`/`!` negation), `\` escapes. */
function segmentRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) throw new Error(`syntax error in pattern ${pattern}`);
      let body = pattern.slice(i + 1, end);
      if (body.startsWith('^') || body.startsWith('!')) body = `^${body.slice(1)}`;
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) re += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const hasMeta = (s: string) => /[*?[\\]/.test(s);

/** filepath.Glob: matches sorted by name; a pattern without wildcards matches only an existing file. */
export async function glob(pattern: string, baseDir: string): Promise<string[]> {
  const absolute = isAbsolute(pattern) ? pattern : resolve(baseDir, pattern);
  const parts = absolute.split('/').filter((p) => p !== '');
  let current = ['/'];
  for (const part of parts) {
    const next: string[] = [];
    for (const dir of current) {
      if (!hasMeta(part)) {
        next.push(join(dir, part));
        continue;
      }
      const re = segmentRegex(part);
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        continue;
      }
      for (const n of names.sort()) if (re.test(n)) next.push(join(dir, n));
    }
    current = next;
  }
  return current;
}

function templatesList(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((t) => typeof t !== 'string')) throw new Error('templates must be a list of file globs');
  return raw as string[];
}

/** Loads the set; a file that does not parse is an error naming it (Alertmanager refuses the config). */
export async function loadTemplateSet(templates: unknown, baseDir: string): Promise<TemplateRenderer> {
  const defines = new Map<string, TemplateNode[]>(defaults);
  for (const pattern of templatesList(templates)) {
    for (const file of await glob(pattern, baseDir)) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        // A glob that names a missing file matches nothing in Go; a directory is skipped too.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR') continue;
        throw err;
      }
      for (const [name, body] of parse(file, text).defines) defines.set(name, body);
    }
  }
  return rendererFor(defines);
}

/** html/template's escaping of what an action prints in text and attribute context. */
const htmlEscape = (s: string) => s.replace(/[&'<>"+\0]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '+': '&#43;', '\0': '\uFFFD' })[c] ?? c);

export function rendererFor(defines: ReadonlyMap<string, TemplateNode[]>): TemplateRenderer {
  const run = async (text: string, data: NotificationData, html: boolean): Promise<string> => {
    // Alertmanager skips parsing for an empty field.
    if (text === '') return '';
    const own = parse('', text);
    const tpl: ParsedTemplate = { ...own, defines: new Map([...defines, ...own.defines]) };
    const safe = new Set<string>();
    const functions = alertmanagerFunctions((s) => safe.add(s));
    return execute(tpl, templateData(data), { externalUrl: data.externalURL }, html ? { functions, escape: (s) => (safe.has(s) ? s : htmlEscape(s)) } : { functions });
  };
  return {
    text: (t, d) => run(t, d, false),
    html: (t, d) => run(t, d, true),
  };
}
