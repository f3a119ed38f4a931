import { defineCommand, UsageError, writeJson, type CliContext, type OptionValues } from '../command';
import { AppError } from '../../core/shared/errors';
import type { RoutingSource } from '../../core/alerts/am/source';

/**
 * `oncall alerts routes [test]`: the route tree of an alertmanager.yml or of the console's own
 * config, printed and tested exactly as `amtool config routes [test]` does.
 */

const configOption = { config: { type: 'string' } } as const;

async function source(values: OptionValues, ctx: CliContext): Promise<Extract<RoutingSource, { ok: true }>> {
  const [{ loadRoutingSource, formatConfigIssue }, { homePaths }, { composedConfig }] = await Promise.all([
    import('../../core/alerts/am/source'),
    import('../../core/home'),
    import('../../core/composed-config'),
  ]);
  const given = typeof values.config === 'string';
  const file = given ? String(values.config) : homePaths(ctx.home).config;
  const loaded = loadRoutingSource(file, composedConfig, { missingIsDefault: !given });
  if (!loaded.ok) {
    for (const issue of loaded.issues) ctx.stderr.write(`${formatConfigIssue(issue)}\n`);
    throw new AppError('invalid_input', `${file}: ${loaded.issues.length} problem${loaded.issues.length === 1 ? '' : 's'}`);
  }
  for (const w of loaded.warnings) ctx.stderr.write(`warning: ${w}\n`);
  return loaded;
}

const test = defineCommand({
  summary: 'which receivers an alert with these labels goes to (like amtool config routes test)',
  usage: `Usage: oncall alerts routes test [--config FILE] [--json] NAME=VALUE...

Prints the receivers of the routes the alert ends in, comma-separated, in Alertmanager's order.
--json adds each route: path, receiver, group_by, timings (as written and in ms), time intervals.
  --config FILE   an alertmanager.yml or a console config.yml (default: the console's config.yml)
`,
  options: { ...configOption, json: { type: 'boolean' } },
  async run({ values, positionals }, ctx) {
    const [{ parseAmMatcher }, { routeTest }] = await Promise.all([import('../../core/alerts/am/matchers'), import('../../core/alerts/am/report')]);
    const labels: Record<string, string> = {};
    for (const arg of positionals) {
      // amtool reads each argument as a matcher and insists on `=`.
      let m;
      try {
        m = parseAmMatcher(arg);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      if (m.op !== '=') throw new UsageError(`labels must be specified as key=value pairs, not "${arg}"`);
      labels[m.name] = m.value;
    }
    const loaded = await source(values, ctx);
    const result = routeTest(loaded.root, labels);
    if (values.json) writeJson(ctx, result);
    else ctx.stdout.write(`${result.receivers.join(',')}\n`);
    return 0;
  },
});

const routes = defineCommand({
  summary: 'print the routing tree (like amtool config routes)',
  usage: `Usage: oncall alerts routes [--config FILE]
       oncall alerts routes test [--config FILE] [--json] NAME=VALUE...

  --config FILE   an alertmanager.yml or a console config.yml (default: the console's config.yml)
`,
  options: { ...configOption, json: { type: 'boolean' } },
  subcommands: { test },
  async run({ values, positionals }, ctx) {
    // `routes --config F test …`: the flag came before the verb.
    if (positionals[0] === 'test') return test.run!({ values, positionals: positionals.slice(1) }, ctx);
    if (positionals.length > 0) throw new UsageError(`unknown subcommand "${positionals[0]}"`);
    const { formatRouteTree } = await import('../../core/alerts/am/report');
    const loaded = await source(values, ctx);
    ctx.stdout.write(formatRouteTree(loaded.root));
    return 0;
  },
});

export const command = defineCommand({
  summary: 'alert routing: the route tree and where an alert goes',
  usage: `Usage: oncall alerts routes [--config FILE]
       oncall alerts routes test [--config FILE] [--json] NAME=VALUE...
`,
  subcommands: { routes },
});
