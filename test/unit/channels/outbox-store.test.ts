import { afterEach, describe, expect, it } from 'vitest';
import type { IntegrationRef, OutgoingMessage } from '../../../main/core/channels/message';
import { OutboxStore } from '../../../main/core/channels/outbox/store';
import { closeJournal, openJournal, type Db } from '../../../main/core/journal';
import { Journal } from '../../../main/core/journal/journal';

const text = (title: string): OutgoingMessage => ({ kind: 'text', message: { title, text: 'body' } });
const hooks: IntegrationRef[] = [
  { receiver: 'team', kind: 'webhook', index: 0 },
  { receiver: 'team', kind: 'webhook', index: 1 },
];

describe('outbox store', () => {
  let db: Db;
  afterEach(() => closeJournal(db));
  const open = () => {
    db = openJournal(':memory:');
    return new OutboxStore(db, { now: () => 1_000, integrationsOf: (r) => (r === 'team' ? hooks : []) });
  };

  it('writes one pending delivery per deliverable integration, each with its own stable key', () => {
    const store = open();
    const id = store.enqueue({ receiver: 'team', message: text('hello') });
    const rows = store.list({ limit: 10 }).reverse();
    expect(rows.map((r) => [r.state, r.integration_kind, r.integration_index, r.message_id])).toEqual([
      ['pending', 'webhook', 0, id],
      ['pending', 'webhook', 1, id],
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
    expect(rows[0]!.key.startsWith(id)).toBe(true);
    expect(store.message(id).message).toEqual(text('hello'));
    // Ids sort by creation time.
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('queues nothing for a receiver without deliverable integrations, but keeps the message', () => {
    const store = open();
    store.enqueue({ receiver: 'pager-only', message: text('x') });
    expect(store.list({ limit: 10 })).toEqual([]);
  });

  it('enqueues inside the caller transaction: a rolled-back write leaves no message behind', () => {
    const store = open();
    const journal = new Journal(db, { now: () => 1_000, author: 't' });
    const { incident } = journal.open({ title: 'api down', severity: 'P1' });
    expect(() =>
      journal.write(
        () => [],
        () => {
          store.enqueue({ receiver: 'team', message: text('update'), incidentId: incident.id });
          throw new Error('the event failed');
        },
      ),
    ).toThrow('the event failed');
    expect(db.prepare('SELECT COUNT(*) FROM outbox_messages').pluck().get()).toBe(0);
    journal.write(
      () => [],
      () => store.enqueue({ receiver: 'team', message: text('update'), incidentId: incident.id }),
    );
    expect(store.list({ limit: 10 }).map((r) => store.toDelivery(r).incidentId)).toEqual([incident.id, incident.id]);
  });

  it('records attempts and recovers a delivery left sending as interrupted, due again', () => {
    const store = open();
    store.enqueue({ receiver: 'team', message: text('x') });
    const head = store.heads()[0]!;
    const { n } = store.beginAttempt(head.seq);
    expect(store.row(head.seq)!.state).toBe('sending');
    const recovered = store.recoverInterrupted();
    expect(recovered.map((r) => r.seq)).toEqual([head.seq]);
    expect(store.row(head.seq)!.state).toBe('failed-retrying');
    expect(store.attempts(head.seq)).toEqual([expect.objectContaining({ n, result: 'interrupted' })]);
  });
});
