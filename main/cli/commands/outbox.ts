import { defineCommand, UsageError, writeJson } from '../command';

const states = ['pending', 'sending', 'sent', 'failed-retrying', 'dead', 'discarded'] as const;

export const command = defineCommand({
  summary: 'the outbox of messages to receivers: list, retry, discard',
  usage: `Usage: oncall outbox [--state S]... [--receiver R] [--limit N] [--json]
       oncall outbox retry ID
       oncall outbox discard ID --reason TEXT

  Lists deliveries newest first with state, attempts and the server's last answer.
  retry     tries a waiting, failed or dead delivery again now (the running app sends it)
  discard   gives up on a delivery that was not sent; the reason is kept with it
`,
  options: { state: { type: 'string', multiple: true }, receiver: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, reason: { type: 'string' } },
  async run({ values, positionals }, ctx) {
    const [verb, id, ...rest] = positionals;
    const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const reason = text(values.reason)?.trim() ?? '';
    const receiver = text(values.receiver);
    if (rest.length) throw new UsageError(`unexpected ${rest.join(' ')}`);
    const [{ openStandaloneJournal }, { OutboxStore }] = await Promise.all([import('../../core/journal/standalone'), import('../../core/channels/outbox/store')]);
    const { journal, close } = openStandaloneJournal(ctx.home);
    // The CLI queues nothing itself, so it needs no receivers.
    const store = new OutboxStore(journal.db, { now: () => Date.now(), integrationsOf: () => [] });
    try {
      if (verb === 'retry' || verb === 'discard') {
        if (!id) throw new UsageError(`oncall outbox ${verb} needs the delivery ID (see oncall outbox)`);
        if (verb === 'discard' && !reason) throw new UsageError('say why: --reason TEXT');
        const row = verb === 'retry' ? store.retryNow(id) : store.discard(id, reason);
        const delivery = store.toDelivery(row);
        if (verb === 'discard' && delivery.incidentId) journal.appendRaw(delivery.incidentId, { kind: 'communication', text: `Outbox → ${row.receiver} ${delivery.integration}: discarded (${reason})`, data: { outbox: row.key, discarded: true } });
        if (values.json) writeJson(ctx, delivery);
        else ctx.stdout.write(`${delivery.id}  ${delivery.state}\n`);
        return 0;
      }
      if (verb !== undefined) throw new UsageError(`unknown outbox command "${verb}"`);
      const wanted = (Array.isArray(values.state) ? values.state : []).map((s) => {
        if (typeof s !== 'string') throw new UsageError('--state needs a value');
        if (!(states as readonly string[]).includes(s)) throw new UsageError(`--state must be one of ${states.join(', ')}`);
        return s as (typeof states)[number];
      });
      const limit = values.limit === undefined ? 50 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 5000) throw new UsageError('--limit must be a number from 1 to 5000');
      const deliveries = store.list({ limit, states: wanted, ...(receiver ? { receiver } : {}) }).map((r) => store.toDelivery(r));
      if (values.json) {
        writeJson(ctx, { deliveries, counts: store.counts() });
        return 0;
      }
      if (deliveries.length === 0) ctx.stdout.write('the outbox is empty: messages to receivers (alert notifications, incident updates) appear here once routes name receivers\n');
      for (const d of deliveries) {
        const answer = d.lastAnswer ? `  ${d.lastStatus ?? ''} ${d.lastAnswer.replace(/\s+/g, ' ').slice(0, 80)}`.trimEnd() : '';
        ctx.stdout.write(`${d.id}  ${d.state.padEnd(15)} ${d.receiver}/${d.integration}  tries ${d.attempts}  ${d.summary}${answer}${d.reason ? `  (${d.reason})` : ''}\n`);
      }
      return 0;
    } finally {
      close();
    }
  },
});
