#!/usr/bin/env node
// Entry point of the `oncall` binary. Kept tiny: `oncall --version` must not load the core.
declare const __ONCALL_VERSION__: string;
export {};

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${__ONCALL_VERSION__}\n`);
} else {
  const { runCli } = await import('./run');
  process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, stdin: process.stdin });
}
