import { useEffect, useState } from 'react';
import type { WhoReport } from '../../../preload/contract';
import { api, call } from '../api/client';
import { HandoffPanel } from './HandoffPanel';

function when(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat([], { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** Who is on call now and next (config.yml's rotation and iCalendar feeds); nothing without a rotation. */
export function OnCallPanel() {
  const [report, setReport] = useState<WhoReport | null>(null);
  useEffect(() => {
    void call('rotation:who').then(setReport, () => setReport(null));
    return api.on('rotation:changed', setReport);
  }, []);
  if (!report) return null;
  return (
    <>
    <div className="panel" data-testid="on-call">
      <h2>On call</h2>
      <p>{report.meOnCall ? `You (${report.me}) are on call.` : `You (${report.me}) are off call: only the priorities config.yml lists for off-call people notify you.`}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">Now</th>
            <th scope="col">Next</th>
          </tr>
        </thead>
        <tbody>
          {report.layers.map((l) => (
            <tr key={l.layer}>
              <td>{l.layer}</td>
              <td>{l.now.length ? l.now.map((s) => `${s.member}${s.source === 'override' ? ' (override)' : ''} until ${when(s.end, report.timeZone)}`).join(', ') : 'nobody'}</td>
              <td>{l.next ? `${l.next.member} from ${when(l.next.start, report.timeZone)}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.problems.map((p) => (
        <p key={p} className="warning" role="status">
          {p}
        </p>
      ))}
    </div>
    <HandoffPanel />
    </>
  );
}
