import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { closeJournal, openJournal } from './db';
import { Journal } from './journal';

/**
 * The journal without the rest of the engine, for one-shot CLI commands: `oncall note` must start
 * about as fast as node itself, so it opens journal.db and nothing else (no config, no monitoring).
 */
export function openStandaloneJournal(home: string): { journal: Journal; close: () => void } {
  mkdirSync(home, { recursive: true });
  // No quick_check: it reads the whole file, and `oncall note` must stay quick on a years-old journal.
  const db = openJournal(join(home, 'journal.db'), { quickCheck: false });
  const journal = new Journal(db, { now: () => Date.now() });
  return { journal, close: () => closeJournal(db) };
}
