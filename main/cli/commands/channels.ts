import { resolve } from 'node:path';
import { defineCommand, UsageError, writeJson, type CliContext } from '../command';
import type { ChannelTestReport } from '../../../preload/contract';

const testUsage = `Usage: oncall channels test RECEIVER [--json]

  Sends a test message through every integration of RECEIVER that the console delivers (e-mail,
  Slack/Mattermost, webhook, Teams), right away rather than through the outbox, and prints what
  each server answered. Receivers come from config.yml's alerting blocks or the alertmanager.yml
  it names. Secrets given as \${env:NAME} or keychain:NAME are read from the environment here
  (keychain:NAME from ONCALL_SECRET_NAME); *_file ones from their files.

  --json   {"receiver", "results": [{"kind", "index", "ok", "retryable", "status", "answer", "ms"}],
           "skipped": [{"kind", "index"}]}

Exit 0 when every integration accepted the message, 1 when any failed or there was none to try.
`;

const listUsage = `Usage: oncall channels list [--json]

  Lists the receivers with their integrations, whether the console delivers each, whether it
  sends resolved notifications, and where it goes (without secrets).
`;

export const command = defineCommand({
  summary: "list the team's receivers and send them a test message",
  usage: 'Usage: oncall channels test RECEIVER [--json] | oncall channels list [--json]\n',
  subcommands: {
    test: {
      summary: 'send a test message through every integration of a receiver',
      usage: testUsage,
      options: { json: { type: 'boolean' } },
      async run({ values, positionals }, ctx) {
        if (positionals.length !== 1) throw new UsageError('name exactly one receiver');
        return testCommand(positionals[0] ?? '', values.json === true, ctx);
      },
    },
    list: {
      summary: 'list receivers and their integrations',
      usage: listUsage,
      options: { json: { type: 'boolean' } },
      async run({ values }, ctx) {
        const { listReceivers } = await import('../../core/channels/test-send');
        const receivers = listReceivers(await sourceOf(ctx));
        if (values.json) writeJson(ctx, receivers);
        else
          for (const r of receivers) {
            ctx.stdout.write(`${r.name}\n`);
            for (const i of r.integrations) ctx.stdout.write(`  ${i.kind}[${i.index}]  ${i.deliverable ? 'delivered' : 'not delivered by the console'}${i.deliverable ? `  send_resolved=${i.sendResolved}` : ''}  ${i.target}\n`);
          }
        return 0;
      },
    },
  },
});

async function sourceOf(ctx: CliContext) {
  const { openConfigStore } = await import('../../core/composed-config');
  const { channelSource } = await import('../../core/channels/deliver');
  const config = openConfigStore(resolve(ctx.home, 'config.yml'));
  config.reload();
  const issues = config.state().issues;
  if (issues.length) {
    const { formatConfigIssue } = await import('../../core/alerts/am/source');
    for (const i of issues) ctx.stderr.write(`${formatConfigIssue(i)}\n`);
    ctx.stderr.write('(using the defaults: fix config.yml to use its receivers)\n');
  }
  return channelSource(config.current().alerting, config.path);
}

async function testCommand(receiver: string, json: boolean, ctx: CliContext): Promise<number> {
  const { AppError, toApiError } = await import('../../core/shared/errors');
  const { createDeliver } = await import('../../core/channels/deliver');
  const { envSecretResolver } = await import('../../core/probes/secrets');
  const { testReceiver } = await import('../../core/channels/test-send');
  const source = await sourceOf(ctx);
  let report: ChannelTestReport;
  try {
    report = await testReceiver(source, receiver, createDeliver({ source: () => source, secrets: envSecretResolver(ctx.env) }), Date.now);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (json) writeJson(ctx, { error: toApiError(err) });
    else ctx.stderr.write(`oncall channels test: ${err.message}\n`);
    return 1;
  }
  const failed = report.results.length === 0 || report.results.some((r) => !r.ok);
  if (json) {
    writeJson(ctx, report);
    return failed ? 1 : 0;
  }
  for (const r of report.results) {
    const line = `${r.kind}[${r.index}]  ${r.ok ? 'ok' : r.retryable ? 'FAILED (retryable)' : 'FAILED'}  ${r.status ?? '-'}  ${r.answer.replace(/\n/g, ' ')}  (${r.ms} ms)\n`;
    (r.ok ? ctx.stdout : ctx.stderr).write(line);
  }
  for (const s of report.skipped) ctx.stdout.write(`${s.kind}[${s.index}]  skipped: the console does not deliver ${s.kind}_configs\n`);
  if (report.results.length === 0) ctx.stderr.write(`receiver "${receiver}" has no integration the console delivers\n`);
  return failed ? 1 : 0;
}
