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
  private lastText: string | null = null;
  private watcher: FSWatcher | null = null;
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
    if (text === this.lastText) return false;
    this.lastText = text;
    const result = this.composed.parse(text, this.path);
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

  onChange(listener: (state: ConfigState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reloads when the file changes. Watches the folder: editors often save by replacing the file. */
  watch(): void {
    if (this.watcher) return;
    const name = basename(this.path);
    this.watcher = watch(dirname(this.path), (_event, file) => {
      if (file !== null && file !== name) return;
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => this.reload(), 100);
    });
    this.watcher.unref();
  }

  close(): void {
    this.watcher?.close();
    this.watcher = null;
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
