import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isMap, parseDocument } from 'yaml';

/**
 * Sets one key of config.yml from a desktop menu (start at login), keeping the user's comments and
 * layout: the file is the one source of these settings, and the config watcher applies the change
 * like a hand edit. A file that does not parse is left alone (the user is editing it) and reported.
 */
export function setConfigValue(file: string, path: readonly string[], value: string | boolean): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`${file} has a YAML error; fix it first (${doc.errors[0]!.message.split('\n')[0]})`);
  if (doc.contents !== null && !isMap(doc.contents)) throw new Error(`${file} is not a mapping of keys`);
  doc.setIn(path, value);
  writeFileSync(file, doc.toString());
}
