// Terminal capture (`oncall record`): what the shell's pty prints becomes timeline entries.
export { EntryQueue, type QueueFailure } from './entry-queue';
export { secretsFromEnv } from './mask';
export { OscScanner, type PtyEvent } from './osc-scanner';
export { plainText } from './plain-text';
export { TerminalRecorder, type RecordedEntry } from './recorder';
export { recordingMarker, shellKind, shellLaunch, type ShellKind } from './shell';
