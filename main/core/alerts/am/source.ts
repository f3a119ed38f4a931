import { existsSync, readFileSync } from 'node:fs';
import { isMap, isScalar, parseDocument } from 'yaml';
import type { ConfigIssue } from '../../../../preload/contract';
import type { ComposedConfig } from '../../config';
import { compileRouteTree, type Route } from '../routes';
import type { AmSettings } from './check';
import { parseAlertmanagerText } from './load';
import { receiverWarnings } from './receivers';

export type RoutingSource =
  | { ok: true; kind: 'alertmanager' | 'console'; file: string; settings: AmSettings; root: Route; warnings: string[] }
  | { ok: false; file: string; issues: ConfigIssue[] };

/**
 * Whether a file is an alertmanager.yml or the console's config.yml, by its top-level keys: the
 * console's have names Alertmanager does not use, and an alertmanager.yml always has `route`.
 */
export function looksLikeConsoleConfig(text: string, consoleKeys: ReadonlySet<string>): boolean {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) return false;
  const keys = doc.contents.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
  if (keys.some((k) => consoleKeys.has(k))) return true;
  return !keys.includes('route');
}

/** The route tree, receivers and time intervals of an alertmanager.yml or a console config.yml. */
export function loadRoutingSource(file: string, consoleConfig: ComposedConfig, options: { missingIsDefault?: boolean } = {}): RoutingSource {
  // The console's own config.yml may not exist yet: that is the default config, not an error.
  if (options.missingIsDefault && !existsSync(file)) return fromSettings('console', file, consoleConfig.empty.alerting);
  if (!existsSync(file)) return { ok: false, file, issues: [{ file, line: 1, column: 1, field: '(file)', message: 'no such file' }] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, file, issues: [{ file, line: 1, column: 1, field: '(file)', message: `cannot read: ${(err as Error).message}` }] };
  }
  let kind: 'alertmanager' | 'console';
  let settings: AmSettings;
  if (looksLikeConsoleConfig(text, new Set(Object.keys(consoleConfig.empty)))) {
    const parsed = consoleConfig.parse(text, file);
    if (!parsed.ok) return { ok: false, file, issues: parsed.issues };
    kind = 'console';
    settings = parsed.config.alerting;
  } else {
    const parsed = parseAlertmanagerText(text, file);
    if (!parsed.ok) return { ok: false, file, issues: parsed.issues };
    kind = 'alertmanager';
    settings = parsed.settings;
  }
  return fromSettings(kind, file, settings);
}

function fromSettings(kind: 'alertmanager' | 'console', file: string, settings: AmSettings): RoutingSource {
  return { ok: true, kind, file, settings, root: compileRouteTree(settings), warnings: receiverWarnings(settings.receivers) };
}

export function formatConfigIssue(i: ConfigIssue): string {
  return `${i.file}:${i.line}:${i.column}: ${i.field}: ${i.message}`;
}
