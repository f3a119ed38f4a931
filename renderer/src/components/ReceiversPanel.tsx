// The team's receivers (from alertmanager.yml or config.yml) with a "Send test" button each: the
// console sends a test message through every integration it delivers and shows what each server
// answered, so a wrong webhook URL or SMTP password shows up before the first real page.
import { useEffect, useState } from 'react';
import type { ChannelTestReport, ReceiverInfo } from '../../../preload/contract';
import { call } from '../api/client';

export function ReceiversPanel() {
  const [receivers, setReceivers] = useState<ReceiverInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [reports, setReports] = useState<Record<string, ChannelTestReport | string>>({});

  useEffect(() => {
    call('channels:receivers').then(setReceivers, (err: Error) => setError(err.message));
  }, []);

  const test = (name: string) => {
    setBusy(name);
    call('channels:test', { receiver: name })
      .then(
        (report) => setReports((r) => ({ ...r, [name]: report })),
        (err: Error) => setReports((r) => ({ ...r, [name]: err.message })),
      )
      .finally(() => setBusy(null));
  };

  return (
    <div className="panel" aria-labelledby="receivers-title">
      <h2 id="receivers-title">Receivers</h2>
      {error && <p role="alert">{error}</p>}
      {receivers?.length === 0 && <p className="small">No receivers: alerts notify this desktop only. Add receivers in alertmanager.yml (see README, Channels).</p>}
      {receivers?.map((r) => {
        const report = reports[r.name];
        const deliverable = r.integrations.some((i) => i.deliverable);
        return (
          <div key={r.name} className="receiver" data-receiver={r.name}>
            <strong>{r.name}</strong>{' '}
            <button type="button" disabled={!deliverable || busy !== null} onClick={() => test(r.name)}>
              {busy === r.name ? 'Sending…' : 'Send test'}
            </button>
            <ul className="small">
              {r.integrations.map((i) => {
                const result = typeof report === 'object' ? report.results.find((x) => x.kind === i.kind && x.index === i.index) : undefined;
                return (
                  <li key={`${i.kind}-${i.index}`}>
                    {i.kind}[{i.index}] {i.target} {!i.deliverable && <em>(not delivered by the console)</em>}
                    {result && (
                      <span role="status" className={result.ok ? 'ok' : 'failed'}>
                        {' '}
                        — {result.ok ? 'ok' : 'failed'} {result.status ?? ''}: {result.answer}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
            {typeof report === 'string' && <p role="alert">{report}</p>}
          </div>
        );
      })}
    </div>
  );
}
