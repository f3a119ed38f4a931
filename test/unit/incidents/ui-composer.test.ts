import { describe, expect, it } from 'vitest';
import { parseComposer, parseDecisionFields } from '../../../renderer/src/incidents/logic/composer-parse';

const id = 'INC-20261123-091500-1a2b';

describe('composer parsing', () => {
  it('turns plain text into a note on the open incident', () => {
    expect(parseComposer('  restarted api-2  ', { incidentId: id })).toEqual({ kind: 'append', input: { kind: 'note', incidentId: id, text: 'restarted api-2' } });
  });

  it('ignores blank input', () => {
    expect(parseComposer('   ', { incidentId: id })).toEqual({ kind: 'empty' });
  });

  it('reads /decision action | expectation | result | next into the seed 002 fields', () => {
    expect(parseComposer('/decision roll back to v41 | 5xx drops below 1% | 5xx at 0.2% | watch for 15 min', { incidentId: id })).toEqual({
      kind: 'append',
      input: { kind: 'decision', incidentId: id, action: 'roll back to v41', expectation: '5xx drops below 1%', result: '5xx at 0.2%', next: 'watch for 15 min' },
    });
  });

  it('accepts /d, leaves result and next out when not given, and keeps escaped bars', () => {
    expect(parseComposer('/d grep a\\|b in logs | find the culprit', { incidentId: id })).toEqual({
      kind: 'append',
      input: { kind: 'decision', incidentId: id, action: 'grep a|b in logs', expectation: 'find the culprit' },
    });
  });

  it('treats the whole text as a decision for the Ctrl+D shortcut', () => {
    const intent = parseComposer('scale api to 6 | latency recovers', { incidentId: id, asDecision: true });
    expect(intent).toMatchObject({ kind: 'append', input: { kind: 'decision', action: 'scale api to 6', expectation: 'latency recovers' } });
  });

  it('refuses a decision without an expectation, or with more than four parts, and says why', () => {
    expect(parseComposer('/decision restart db', { incidentId: id })).toMatchObject({ kind: 'error', message: expect.stringContaining('expectation') });
    expect(parseDecisionFields('a | b | c | d | e')).toMatchObject({ error: expect.stringContaining('at most four') });
    expect(parseComposer('/decision', { incidentId: id })).toMatchObject({ kind: 'error', message: expect.stringContaining('action') });
  });

  it('does not mistake a word starting with /d for a decision', () => {
    expect(parseComposer('/dev/sda1 is full', { incidentId: id })).toMatchObject({ kind: 'append', input: { kind: 'note', text: '/dev/sda1 is full' } });
  });

  it('supports /comm and /evidence, and carries a correction target', () => {
    expect(parseComposer('/comm status page updated', { incidentId: id, supersedes: 'e1' })).toEqual({
      kind: 'append',
      input: { kind: 'communication', incidentId: id, supersedes: 'e1', text: 'status page updated' },
    });
    expect(parseComposer('/evidence https://grafana.local/d/x p99 graph', { incidentId: id })).toEqual({
      kind: 'append',
      input: { kind: 'evidence', incidentId: id, url: 'https://grafana.local/d/x', text: 'p99 graph' },
    });
    expect(parseComposer('/evidence not-a-url', { incidentId: id })).toMatchObject({ kind: 'error' });
  });
});
