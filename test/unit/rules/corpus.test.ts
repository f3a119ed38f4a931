import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../main/core/rules/loader';
import { parseRuleFile } from '../../../main/core/rules/parse';
import { expandAlertTemplate } from '../../../main/core/rules/template';
import type { ParsedRuleFile } from '../../../main/core/rules/types';
import { rulesCorpusDir, rulesCorpusFiles } from '../../support/corpus';

// Fails (does not skip) when the corpus is missing: see test/support/corpus.ts for where it lives.
let parsed: ParsedRuleFile[] | null = null;
const corpus = () => (parsed ??= rulesCorpusFiles().map((file) => parseRuleFile(readFileSync(file, 'utf8'), relative(rulesCorpusDir, file))));

describe('awesome-prometheus-alerts corpus, imported unchanged', () => {
  it('has its 112 rule files and 954 alerting rules', () => {
    const files = corpus();
    expect(files).toHaveLength(112);
    expect(files.flatMap((f) => f.groups.flatMap((g) => g.rules)).filter((r) => r.kind === 'alerting')).toHaveLength(954);
  });

  it('parses every file without a problem (YAML, fields, durations, names, template syntax)', () => {
    expect(corpus().flatMap((f) => f.errors.map(formatProblem))).toEqual([]);
  });

  it('renders every label and annotation template of every rule without a template error', async () => {
    const failures: string[] = [];
    let templates = 0;
    for (const file of corpus()) {
      for (const rule of file.groups.flatMap((g) => g.rules)) {
        for (const [key, text] of [...Object.entries(rule.labels), ...Object.entries(rule.annotations)]) {
          templates++;
          const out = await expandAlertTemplate(rule.name, text, { labels: { __name__: 'm', instance: 'host-1:9100', job: 'node' }, externalLabels: {}, externalUrl: 'http://prometheus.example:9090', value: 0.5 }, { query: () => Promise.resolve([]) });
          if (out.includes('<error expanding template')) failures.push(`${file.file}:${rule.line}: ${rule.name} ${key}: ${out}`);
        }
      }
    }
    expect(templates).toBeGreaterThan(2000);
    expect(failures).toEqual([]);
  });
});
