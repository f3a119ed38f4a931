import { readFileSync } from 'node:fs';
import { parseRuleFile } from './parse';
import type { ParsedRuleFile } from './types';

/** Reads and parses rule files; an unreadable or broken file is reported alone. */
export function loadRuleFiles(paths: string[]): ParsedRuleFile[] {
  return paths.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      return { file, groups: [], errors: [{ file, line: 0, column: 0, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` }] };
    }
    return parseRuleFile(text, file);
  });
}

export function formatProblem(p: { file: string; line: number; column: number; message: string }): string {
  return p.line > 0 ? `${p.file}:${p.line}:${p.column}: ${p.message}` : `${p.file}: ${p.message}`;
}
