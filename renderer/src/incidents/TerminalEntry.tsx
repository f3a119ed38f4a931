// A terminal entry written by `oncall record`: the command, its outcome, and its output folded when it
// is long (a recorded `journalctl` can print thousands of lines into the middle of a timeline).
import type { TerminalEntryData, TimelineEntry } from '../../../preload/contract';
import { humanDuration } from './logic/format';

/** Up to this many lines of output are shown as they are; longer output opens on a click. */
const unfoldedLines = 12;

export function TerminalEntry({ entry }: { entry: TimelineEntry }) {
  const d = (entry.data ?? {}) as Partial<TerminalEntryData>;
  if (d.event !== 'command') return <span className="entry-text">{entry.text}</span>;
  const failed = typeof d.exitCode === 'number' && d.exitCode !== 0;
  const lines = d.output ? d.output.split('\n').length : 0;
  return (
    <div className="terminal-command">
      <div>
        <code>$ {d.command}</code>
        {typeof d.exitCode === 'number' && <span className={failed ? 'state-firing' : 'state-up'}> exit {d.exitCode}</span>}
        {d.durationMs !== undefined && <span className="muted"> · {humanDuration(d.durationMs)}</span>}
        {d.cwd && <span className="muted"> · in {d.cwd}</span>}
      </div>
      {d.output &&
        (lines <= unfoldedLines ? (
          <pre className="step-output">{d.output}</pre>
        ) : (
          <details>
            <summary>
              Output ({lines.toLocaleString('en')} lines{d.outputTruncated ? ', middle not kept' : ''})
            </summary>
            <pre className="step-output">{d.output}</pre>
          </details>
        ))}
    </div>
  );
}
