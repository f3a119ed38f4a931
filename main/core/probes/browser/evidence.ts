import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProbeEvidence } from '../runner';
import type { PageMeasures } from './engine';

export interface EvidenceInput {
  target: string;
  url: string;
  at: number;
  reason: string | null;
  measures: PageMeasures;
  screenshot: Buffer | null;
}

export interface EvidenceStoreOptions {
  /** `<home>/evidence/browser`: one folder per target, one per failed check. */
  dir: string;
  retentionMs: number;
  /** Per target, the newest this many folders are kept at most. */
  maxPerTarget: number;
  /** Evidence an incident links to is kept past the retention (the journal points at it). */
  isPinned(id: string): boolean;
  now(): number;
}

export const screenshotFile = 'screenshot.png';
export const consoleFile = 'console-errors.txt';

/**
 * Files from failed browser checks: a PNG of what the page showed and the console errors as text.
 * Plain files, so they open in any viewer and a chat message or email can link them; pruned by age
 * and count on every write, which needs no timer of its own.
 */
export class EvidenceStore {
  constructor(private readonly options: EvidenceStoreOptions) {}

  keep(input: EvidenceInput): ProbeEvidence {
    // Sortable by name: the timestamp first, then a suffix so two checks in one millisecond stay apart.
    const stamp = new Date(input.at).toISOString().replace(/[:.]/g, '-');
    const name = `${stamp}-${Math.random().toString(36).slice(2, 6)}`;
    const folder = join(this.options.dir, input.target, name);
    mkdirSync(folder, { recursive: true });
    if (input.screenshot) writeFileSync(join(folder, screenshotFile), input.screenshot);
    writeFileSync(join(folder, consoleFile), consoleText(input));
    this.prune(input.target);
    return {
      id: `${input.target}/${name}`,
      screenshotUrl: input.screenshot ? pathToFileURL(join(folder, screenshotFile)).href : null,
      consoleUrl: pathToFileURL(join(folder, consoleFile)).href,
    };
  }

  /** Every target's folders, including targets since removed from config.yml. */
  pruneAll(): void {
    let targets: string[];
    try {
      targets = readdirSync(this.options.dir);
    } catch {
      return;
    }
    for (const target of targets) this.prune(target);
  }

  /** Drops a target's folders older than the retention or beyond the count, except pinned ones. */
  prune(target: string): void {
    const dir = join(this.options.dir, target);
    let names: string[];
    try {
      names = readdirSync(dir).sort().reverse();
    } catch {
      return;
    }
    const cutoff = this.options.now() - this.options.retentionMs;
    names.forEach((name, index) => {
      const folder = join(dir, name);
      const old = index >= this.options.maxPerTarget || takenAt(name) < cutoff;
      if (old && !this.options.isPinned(`${target}/${name}`)) rmSync(folder, { recursive: true, force: true });
    });
  }
}

/** The check's time from the folder name (the clock the core runs on, which tests fake), not the file's mtime. */
function takenAt(name: string): number {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z/.exec(name);
  return m ? Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : 0;
}

function consoleText(input: EvidenceInput): string {
  const m = input.measures;
  const lines = [
    `url: ${input.url}`,
    `checked: ${new Date(input.at).toISOString()}`,
    `status: ${m.status ?? 'no answer'}`,
    `page load: ${Math.round(m.pageLoadMs)} ms; LCP: ${m.lcpMs === null ? 'none' : `${Math.round(m.lcpMs)} ms`}`,
    `reason: ${input.reason ?? '-'}`,
    ...(m.error ? [`error: ${m.error}`] : []),
    '',
    `JS errors (${m.jsErrors.length}):`,
    ...m.jsErrors.map((e) => `  ${e}`),
    '',
    `failed requests (${m.failedRequests.length}):`,
    ...m.failedRequests.map((r) => `  ${r}`),
  ];
  return `${lines.join('\n')}\n`;
}
