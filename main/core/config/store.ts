import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { ConfigIssue, ConfigState } from '../../../preload/contract';
import type { ComposedConfig, Config } from './compose';

/**
 * Holds the config in use. A file that fails to parse or validate never replaces a good config:
 * the last good one keeps running and the issues are reported until the file is fixed.
 */
export class ConfigStore {
  private config: Config;
  private issues: ConfigIssue[] = [];
  private loadedAt = 0;
  /** config.yml's text and that of every file it references, as last read. */
  private lastKey: string | null = null;
  /** Files config.yml references (alertmanager.yml): a change there reloads too. */
  private references: string[] = [];
  private watcher: FSWatcher | null = null;
  private referenceWatchers = new Map<string, FSWatcher>();
  private debounce: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(state: ConfigState) => void>();

  /** `composed` is the schema the composition root joined from the domains (core/composed-config.ts). */
  constructor(
    readonly path: string,
    private readonly composed: ComposedConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.config = composed.empty;
  }

  current(): Config {
    return this.config;
  }

  state(): ConfigState {
    return { path: this.path, loadedAt: this.loadedAt, issues: this.issues, summary: this.composed.summarize(this.config) };
  }

  /** Reads the file; returns true when the config in use changed. */
  reload(): boolean {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      this.setIssues([{ file: this.path, line: 1, column: 1, field: '(file)', message: `cannot read: ${(err as Error).message}` }]);
      return false;
    }
    if (this.keyOf(text, this.references) === this.lastKey) return false;
    const result = this.composed.parse(text, this.path);
    this.references = result.files ?? [];
    this.lastKey = this.keyOf(text, this.references);
    if (this.watcher) this.watchReferences();
    if (!result.ok) {
      this.setIssues(result.issues);
      return false;
    }
    this.config = result.config;
    this.issues = [];
    this.loadedAt = this.now();
    this.notify();
    return true;
  }

  private keyOf(text: string, files: string[]): string {
    const parts = [text];
    for (const file of files) {
      try {
        parts.push(readFileSync(file, 'utf8'));
      } catch {
        parts.push('\u0000missing');
      }
    }
    return parts.join('\u0000');
  }

  onChange(listener: (state: ConfigState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reloads when the file changes. Watches the folder: editors often save by replacing the file. */
  watch(): void {
    if (this.watcher) return;
    const name = basename(this.path);
    this.watcher = watch(dirname(this.path), (_event, file) => {
      const mine = file === null || file === name || this.references.some((f) => dirname(f) === dirname(this.path) && basename(f) === file);
      if (mine) this.reloadSoon();
    });
    this.watcher.unref();
    this.watchReferences();
  }

  private reloadSoon(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.reload(), 100);
  }

  private watchReferences(): void {
    const dirs = new Set(this.references.map((f) => dirname(f)));
    for (const [dir, w] of this.referenceWatchers) {
      if (dirs.has(dir)) continue;
      w.close();
      this.referenceWatchers.delete(dir);
    }
    for (const dir of dirs) {
      if (this.referenceWatchers.has(dir) || dir === dirname(this.path)) continue;
      try {
        const w = watch(dir, (_event, file) => {
          if (file === null || this.references.some((f) => dirname(f) === dir && basename(f) === file)) this.reloadSoon();
        });
        w.unref();
        this.referenceWatchers.set(dir, w);
      } catch {
        // A missing folder is reported by the load itself; there is nothing to watch yet.
      }
    }
  }

  close(): void {
    this.watcher?.close();
    this.watcher = null;
    for (const w of this.referenceWatchers.values()) w.close();
    this.referenceWatchers.clear();
    if (this.debounce) clearTimeout(this.debounce);
  }

  private setIssues(issues: ConfigIssue[]): void {
    this.issues = issues;
    this.notify();
  }

  private notify(): void {
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }
}
