import { describe, expect, it } from 'vitest';
import { runRuleTests } from '../../../../main/core/rules/unit-test';
import { corpusShard, failureCount, failureHeads, promtoolTest } from '../../../support/promtool-corpus';

/**
 * One shard of the differential test over the promtool corpus: every file through the real
 * promtool 2.42 and through the console's runner (in process, the code `oncall rules test`
 * runs), failing when the verdicts differ or, where both fail, when different tests fail.
 */
export function corpusShardTest(shard: number, of: number): void {
  const files = corpusShard(shard, of);
  describe(`promtool corpus, shard ${shard + 1} of ${of}: oncall rules test gives promtool's verdict`, () => {
    it('has files in this shard', () => {
      expect(files.length).toBeGreaterThan(0);
    });
    // promtool runs in its own process, so a few files at a time keep both cores busy.
    it.concurrent.each(files.map((f) => [f.rel, f] as const))('%s', async (_rel, file) => {
      const reference = promtoolTest(file);
      const ours = await runRuleTests(file.path);
      const theirs = await reference;
      if (theirs.unsupported) {
        // Needs a newer Prometheus than 2.42: not comparable, but promtool must have said so.
        expect(theirs.code).not.toBe(0);
        return;
      }
      const oursText = ours.failures.join('\n\n');
      expect({ pass: ours.ok, failures: ours.failures.length, failing: failureHeads(oursText) }, `promtool said:\n${theirs.output}\noncall said:\n${oursText}`).toEqual({
        pass: theirs.code === 0,
        failures: failureCount(theirs.output),
        failing: failureHeads(theirs.output),
      });
    }, 240_000);
  });
}
