import { defineCommand } from '../command';
import { AppError } from '../../core/shared/errors';

export const command = defineCommand({
  summary: 'record a terminal session (commands, exit codes, output) on an incident timeline',
  usage: `Usage: oncall record [--incident ID] [--shell PATH]

Starts your shell (bash or zsh) as usual and journals every command you run in it, with its exit
code, duration, working directory and output (secrets masked), to the incident as it happens.
A command typed with a leading space is not recorded. \`exit\` ends the recording with a summary.

  --incident ID   the incident (default: the most recently updated open one)
  --shell PATH    the shell to start (default: $SHELL, else /bin/bash)
`,
  options: { incident: { type: 'string' }, shell: { type: 'string' } },
  async run({ values }, ctx) {
    const { recordingMarker, shellKind } = await import('../../core/record');
    const already = ctx.env[recordingMarker];
    // A recorder inside a recorded shell would journal every command twice.
    if (already) throw new AppError('conflict', `this shell is already being recorded to ${already}; type \`exit\` to end that recording first`);
    const shell = (values.shell as string | undefined) ?? ctx.env.SHELL ?? '/bin/bash';
    const kind = shellKind(shell);
    const { openStandaloneJournal } = await import('../../core/journal/standalone');
    const { journal, close } = openStandaloneJournal(ctx.home);
    try {
      const incidentId = (values.incident as string | undefined) ?? journal.defaultIncident();
      const incident = journal.incident(incidentId);
      const { recordTerminal } = await import('../record-pty');
      return await recordTerminal({ ...ctx, shell, kind, incident: { id: incident.id, title: incident.title }, write: (entry) => journal.appendRaw(incident.id, { kind: 'terminal', text: entry.text, data: { ...entry.data }, at: entry.at }) });
    } finally {
      close();
    }
  },
});
