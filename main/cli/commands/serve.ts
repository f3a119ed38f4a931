import { defineCommand, UsageError } from '../command';
import { openEngine } from '../open-engine';
import { rendererDir } from '../paths';

export const command = defineCommand({
  summary: 'run the console in a browser tab (127.0.0.1 only, with a token)',
  usage: `Usage: oncall serve [--port N] [--demo]

  --port N   port on 127.0.0.1 (default: a free one)
  --demo     start the demo service and watch it, to see the whole loop at once
`,
  options: { port: { type: 'string' }, demo: { type: 'boolean' } },
  async run({ values }, ctx) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be a number from 0 to 65535, not "${String(values.port)}"`);
    const { startWebServer } = await import('../../web');
    const engine = openEngine(ctx.home, 'web', true);
    let server;
    try {
      server = await startWebServer({ engine, rendererDir, port });
    } catch (err) {
      await engine.close();
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        ctx.stderr.write(`oncall serve: port ${port} on 127.0.0.1 is already in use; pick another with --port or leave it out for a free one\n`);
        return 1;
      }
      throw err;
    }
    await engine.start();
    if (values.demo) {
      const demo = await engine.invoke('demo:start', {});
      if (demo.ok) ctx.stdout.write(`demo service: ${(demo.value as { url: string }).url}\n`);
    }
    // Listen for the stop signal before announcing the URL: whoever reads it may stop us at once.
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    ctx.stdout.write(`Oncall Console is serving ${ctx.home}\nOpen: ${server.url}\n`);
    await stopped;
    await server.close();
    await engine.close();
    return 0;
  },
});
