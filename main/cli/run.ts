import { parseArgs } from 'node:util';
import { resolveHome } from '../core/home';
import { AppError } from '../core/shared/errors';
import { UsageError, type CliCommand, type CliIo } from './command';

declare const __ONCALL_VERSION__: string;
declare const __ONCALL_COMMANDS__: string[];

const globalUsage = `Usage: oncall [--home DIR] COMMAND [options]

Options:
  --home DIR     data folder (default: $ONCALL_HOME, else the app's own folder)
  -h, --help     show help (also: oncall COMMAND --help)
  -V, --version  print the version
`;

async function loadCommand(name: string): Promise<CliCommand | null> {
  if (!__ONCALL_COMMANDS__.includes(name)) return null;
  const mod = (await import(`./commands/${name}.ts`)) as { command: CliCommand };
  return mod.command;
}

async function helpText(): Promise<string> {
  const rows = await Promise.all(__ONCALL_COMMANDS__.map(async (name) => `  ${name.padEnd(12)} ${(await loadCommand(name))?.summary ?? ''}`));
  return `${globalUsage}\nCommands:\n${rows.join('\n')}\n`;
}

/** Runs one CLI invocation; returns the exit code (0 ok, 1 failed, 2 usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const args = [...argv];
  let home: string | undefined;
  let help = false;
  // Global flags may stand anywhere, so `oncall note --home X text` works like `oncall --home X note text`.
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') break;
    if (arg === '--home' || arg.startsWith('--home=')) {
      home = arg.includes('=') ? arg.slice('--home='.length) : args[i + 1];
      args.splice(i, arg.includes('=') ? 1 : 2);
      i--;
      if (!home) return usageError(io, 'oncall: --home needs a folder', globalUsage);
    } else if (arg === '--help' || arg === '-h') {
      help = true;
      args.splice(i--, 1);
    }
  }
  if (args[0] === '--version' || args[0] === '-V') {
    io.stdout.write(`${__ONCALL_VERSION__}\n`);
    return 0;
  }
  const name = args.shift();
  if (name === undefined) {
    (help ? io.stdout : io.stderr).write(await helpText());
    return help ? 0 : 2;
  }
  const found = await loadCommand(name);
  if (!found) return usageError(io, `oncall: unknown command "${name}"`, await helpText());
  let command: CliCommand = found;
  let label = name;
  while (command.subcommands) {
    const verb = args[0];
    const sub: CliCommand | undefined = verb === undefined ? undefined : command.subcommands[verb];
    // A command with verbs may also run on its own (`oncall alerts routes` beside `... routes test`).
    if (!sub && command.run && (verb === undefined || verb.startsWith('-'))) break;
    args.shift();
    if (!sub) {
      if (help && verb === undefined) {
        io.stdout.write(command.usage);
        return 0;
      }
      return usageError(io, verb === undefined ? `oncall ${label}: which one?` : `oncall ${label}: unknown subcommand "${verb}"`, command.usage);
    }
    label = `${label} ${verb}`;
    command = sub;
  }
  if (help) {
    io.stdout.write(command.usage);
    return 0;
  }
  try {
    const parsed = parseArgs({ args, options: command.options ?? {}, allowPositionals: true, strict: true });
    return (await command.run?.(parsed, { ...io, home: resolveHome(home, io.env) })) ?? 0;
  } catch (err) {
    if (err instanceof UsageError || (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      return usageError(io, `oncall ${label}: ${(err as Error).message}`, command.usage);
    }
    if (err instanceof AppError) {
      io.stderr.write(`oncall ${label}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

function usageError(io: CliIo, message: string, usage: string): number {
  io.stderr.write(`${message}\n\n${usage}`);
  return 2;
}
