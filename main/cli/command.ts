import type { ParseArgsConfig } from 'node:util';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** For commands that accept `-` (read the text from a pipe); absent in in-process tests. */
  stdin?: NodeJS.ReadableStream;
}

export interface CliContext extends CliIo {
  /** The data directory (after --home / ONCALL_HOME). */
  home: string;
}

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliCommand {
  /** One line for `oncall --help`. */
  summary: string;
  /** Usage lines, printed by `oncall CMD --help` and on bad input. */
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Commands with verbs (`oncall incident open`) list them here instead of implementing run. */
  subcommands?: Record<string, CliCommand>;
  run?(args: { values: OptionValues; positionals: string[] }, ctx: CliContext): Promise<number>;
}

/** Bad flags or arguments: the CLI prints the usage and exits 2. */
export class UsageError extends Error {}

/** Every file in main/cli/commands/ exports `command`; its file name is the command's name. */
export function defineCommand(command: CliCommand): CliCommand {
  return command;
}

/** Repeatable `--flag KEY=VALUE` options as a record (a later KEY wins); bad input is a UsageError naming the flag. */
export function keyValuePairs(raw: OptionValues[string], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  for (const item of list) {
    const text = String(item);
    const eq = text.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} takes KEY=VALUE, not "${text}"`);
    out[text.slice(0, eq)] = text.slice(eq + 1);
  }
  return out;
}

export function writeJson(ctx: CliIo, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
