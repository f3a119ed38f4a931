import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { isMap, isScalar, visit, type Document, type Node } from 'yaml';
import type { ConfigIssue } from '../../../../preload/contract';
import { parseYamlWith } from '../../config/parse';
import type { AlertingConfig } from '../config';
import { alertmanagerFileSchema, settingsOf, type AmSettings } from './check';
import { emptyRoute } from './schema';

export type AmFileResult = { ok: true; settings: AmSettings } | { ok: false; issues: ConfigIssue[] };

/** Reads an alertmanager.yml as Alertmanager 0.25 would; problems name that file's own lines. */
export function parseAlertmanagerText(text: string, file: string): AmFileResult {
  // go-yaml (which Alertmanager uses) honours `<<:` merge keys.
  const parsed = parseYamlWith(alertmanagerFileSchema, text, file, { merge: true, prepare: numbersAsWritten });
  if (!parsed.ok) return parsed;
  const delivery = { global: parsed.value.global ?? null, templates: parsed.value.templates ?? null, baseDir: dirname(resolve(file)) };
  return { ok: true, settings: { ...settingsOf(parsed.value, emptyRoute), delivery } };
}

const routingBlocks = new Set(['route', 'inhibit_rules', 'time_intervals', 'mute_time_intervals']);

/**
 * go-yaml hands a Go string field the scalar as written, so `match: { version: 1.10 }` means
 * "1.10", not 1.1. Numbers in the routing blocks keep their source text (receivers keep theirs typed).
 */
function numbersAsWritten(doc: Document): void {
  keepNumbersIn(doc.contents);
}

/** The same for blocks written inline under config.yml's `alerting:`. */
export function inlineNumbersAsWritten(doc: Document): void {
  if (isMap(doc.contents)) keepNumbersIn(doc.contents.get('alerting', true));
}

function keepNumbersIn(map: unknown): void {
  if (!isMap(map)) return;
  for (const pair of map.items) {
    if (!isScalar(pair.key) || !routingBlocks.has(String(pair.key.value))) continue;
    visit(pair.value as Node, {
      Scalar(_key, node) {
        if (typeof node.value === 'number' && node.source !== undefined) node.value = node.source;
      },
    });
  }
}

export function loadAlertmanagerFile(path: string): AmFileResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, issues: [{ file: path, line: 1, column: 1, field: '(file)', message: `cannot read: ${(err as Error).message}` }] };
  }
  return parseAlertmanagerText(text, path);
}

/** `alertmanagerConfig: ~/team/alertmanager.yml` or a path relative to config.yml's folder. */
export function alertmanagerPath(written: string, configFile: string): string {
  const expanded = written === '~' ? homedir() : written.startsWith('~/') ? resolve(homedir(), written.slice(2)) : written;
  return isAbsolute(expanded) ? expanded : resolve(dirname(configFile), expanded);
}

/** Replaces the alerting blocks with the referenced alertmanager.yml's, when config.yml names one. */
export function resolveAlertmanagerConfig(alerting: AlertingConfig, configFile: string): { alerting: AlertingConfig; issues: ConfigIssue[]; files: string[] } {
  if (alerting.alertmanagerConfig === undefined) return { alerting, issues: [], files: [] };
  const path = alertmanagerPath(alerting.alertmanagerConfig, configFile);
  const loaded = loadAlertmanagerFile(path);
  if (!loaded.ok) return { alerting, issues: loaded.issues, files: [path] };
  return { alerting: { ...alerting, ...loaded.settings }, issues: [], files: [path] };
}
