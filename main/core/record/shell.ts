import { basename } from 'node:path';
import { AppError } from '../shared/errors';
import { bashRcfile } from './bash-integration';
import { zshFiles } from './zsh-integration';

export type ShellKind = 'bash' | 'zsh';

/** The env variable that marks a recorded shell, so `oncall record` inside it refuses. */
export const recordingMarker = 'ONCALL_RECORDING';

export function shellKind(path: string): ShellKind {
  const name = basename(path).replace(/^-/, '');
  if (/^bash(?:[-\d.]*)$/.test(name)) return 'bash';
  if (/^zsh(?:[-\d.]*)$/.test(name)) return 'zsh';
  throw new AppError('invalid_input', `cannot record ${path}: shell integration exists for bash and zsh only (pass --shell /bin/bash)`);
}

/** How to start the shell with the integration: its arguments, extra environment and the files to write into `dir`. */
export function shellLaunch(kind: ShellKind, dir: string, nonce: string, env: NodeJS.ProcessEnv): { args: string[]; env: Record<string, string>; files: Record<string, string> } {
  if (kind === 'bash') return { args: ['--rcfile', `${dir}/bashrc`, '-i'], env: {}, files: { bashrc: bashRcfile(nonce) } };
  return { args: ['-i'], env: { ZDOTDIR: dir, ONCALL_USER_ZDOTDIR: env.ZDOTDIR ?? env.HOME ?? '' }, files: zshFiles(nonce) };
}
