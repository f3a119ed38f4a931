import { describe, expect, it } from 'vitest';
import { AlertFeed } from '../../../main/core/alerts/alert-feed';
import { EventBus } from '../../../main/core/shared/event-bus';
import { makeAlert } from './harness';

describe('the alert feed', () => {
  it('merges sources by fingerprint: firing over pending over resolved, silences kept from Alertmanager', () => {
    const feed = new AlertFeed(new EventBus());
    const labels = { alertname: 'ApiDown', service: 'api' };
    feed.publish('rule', 'local.yml', [makeAlert(labels, 'pending')]);
    feed.publish('alertmanager', 'team-am', [makeAlert(labels, 'firing', { source: 'alertmanager', silencedBy: ['s-1'] })]);
    expect(feed.merged()).toEqual([expect.objectContaining({ state: 'firing', source: 'alertmanager', silencedBy: ['s-1'] })]);
    // The local copy fires too: the first source to publish wins a tie, and keeps the silence.
    feed.publish('rule', 'local.yml', [makeAlert(labels, 'firing')]);
    expect(feed.merged()).toEqual([expect.objectContaining({ state: 'firing', source: 'rule', silencedBy: ['s-1'] })]);
    feed.publish('alertmanager', 'team-am', []);
    expect(feed.merged()).toEqual([expect.objectContaining({ state: 'firing', source: 'rule' })]);
    expect(feed.merged()[0]!.silencedBy).toBeUndefined();
  });

  it('reports only the fingerprints that changed, also when a source republishes its whole list', () => {
    const feed = new AlertFeed(new EventBus());
    const alerts = ['a', 'b', 'c', 'd'].map((i) => makeAlert({ alertname: 'DiskFull', instance: i }));
    feed.publish('rule', 'r.yml', alerts);
    expect(feed.takeChanges().size).toBe(4);
    const next = alerts.slice();
    next[2] = { ...alerts[2]!, value: 93 };
    feed.publish('rule', 'r.yml', next);
    expect([...feed.takeChanges()]).toEqual([alerts[2]!.fingerprint]);
    expect(feed.get(alerts[2]!.fingerprint)?.value).toBe(93);
    // One gone, one new in its place: both are reported.
    const e = makeAlert({ alertname: 'DiskFull', instance: 'e' });
    feed.publish('rule', 'r.yml', [next[0]!, next[1]!, next[2], e]);
    expect(new Set(feed.takeChanges())).toEqual(new Set([alerts[3]!.fingerprint, e.fingerprint]));
    expect(feed.get(alerts[3]!.fingerprint)).toBeUndefined();
    // The same list again changes nothing.
    feed.publish('rule', 'r.yml', [next[0]!, next[1]!, next[2], e]);
    expect(feed.takeChanges().size).toBe(0);
  });

  it('deduplicates a fingerprint a source reports twice, keeping the firing copy', () => {
    const feed = new AlertFeed(new EventBus());
    const labels = { alertname: 'Twice' };
    feed.publish('rule', 'r.yml', [makeAlert(labels, 'pending'), makeAlert(labels, 'firing', { value: 2 }), makeAlert({ alertname: 'Other' })]);
    expect(feed.merged().map((a) => [a.labels.alertname, a.state])).toEqual([
      ['Twice', 'firing'],
      ['Other', 'firing'],
    ]);
    feed.publish('rule', 'r.yml', [makeAlert(labels, 'pending'), makeAlert(labels, 'resolved'), makeAlert({ alertname: 'Other' })]);
    expect(feed.get(makeAlert(labels).fingerprint)?.state).toBe('pending');
  });
});
