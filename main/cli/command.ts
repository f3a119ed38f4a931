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

export function writeJson(ctx: CliIo, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
