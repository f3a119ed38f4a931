import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxStore } from '../../../main/core/channels/outbox/store';
import { closeJournal, openJournal } from '../../../main/core/journal';
import { cli } from '../../support/cli';
import { tempHome } from '../../support/temp-home';

describe('oncall outbox', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('lists deliveries, filters by state, retries and discards with a reason', async () => {
    const t = tempHome();
    cleanup = t.cleanup;
    const db = openJournal(join(t.home, 'journal.db'));
    const store = new OutboxStore(db, { now: () => Date.now(), integrationsOf: (r) => [{ receiver: r, kind: 'webhook', index: 0 }] });
    store.enqueue({ receiver: 'team', message: { kind: 'text', message: { title: 'API degraded', text: 'x' } } });
    const key = store.list({ limit: 1 })[0]!.key;
    closeJournal(db);

    const listed = await cli(['--home', t.home, 'outbox', '--json']);
    expect(listed.code).toBe(0);
    const value = JSON.parse(listed.stdout) as { deliveries: { id: string; state: string; summary: string }[]; counts: Record<string, number> };
    expect(value.deliveries).toEqual([expect.objectContaining({ id: key, state: 'pending', summary: 'API degraded' })]);
    expect((await cli(['--home', t.home, 'outbox', '--state', 'dead'])).stdout).toContain('the outbox is empty');

    expect((await cli(['--home', t.home, 'outbox', 'discard', key])).code).toBe(2);
    const discarded = await cli(['--home', t.home, 'outbox', 'discard', key, '--reason', 'sent by hand']);
    expect(discarded.stdout).toBe(`${key}  discarded\n`);
    const retried = await cli(['--home', t.home, 'outbox', 'retry', key]);
    expect(retried.code).toBe(1);
    expect(retried.stderr).toContain('discarded');
    const text = (await cli(['--home', t.home, 'outbox'])).stdout;
    expect(text).toContain('(sent by hand)');
  });
});
