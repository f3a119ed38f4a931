import { demoChecks, type DemoCheck } from '../../../preload/contract';
import { call } from '../api/client';
import { EmptyState } from '../components/EmptyState';
import { MonitoringPanel } from '../monitoring/MonitoringPanel';
import { OnCallPanel } from '../rotation/OnCallPanel';
import { useAppStore } from '../state/app-store';

export function DashboardScreen() {
  const { info, demo, setError } = useAppStore();
  const act = (p: Promise<unknown>) => p.catch((err: Error) => setError(err.message));
  const setFailing = (check: DemoCheck, fail: boolean) => {
    const failing = new Set(demo?.failing ?? []);
    if (fail) failing.add(check);
    else failing.delete(check);
    void act(call('demo:set-failure', { failing: [...failing], latencyMs: demo?.latencyMs ?? 0 }));
  };

  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Dashboard</h1>
      {info?.firstRun && !demo?.running && (
        <EmptyState
          title="Nothing is being watched yet"
          action={
            <button type="button" className="primary" onClick={() => void act(call('demo:start'))}>
              Try the demo
            </button>
          }
        >
          <p>
            Add health endpoints and Prometheus servers to <code>{info.home}/config.yml</code> (the file has commented examples; the app reloads it when you
            save), drop Prometheus rule files into <code>rules/</code> and Markdown runbooks into <code>runbooks/</code>.
          </p>
          <p>Or start the demo: a small service on 127.0.0.1 that you can break on purpose, to see the whole loop in a minute.</p>
        </EmptyState>
      )}
      {demo?.running && (
        <div className="panel" data-testid="demo-panel">
          <h2>Demo service</h2>
          <p>
            Running at <code>{demo.url}</code> with <code>/health</code>, <code>/health/ready</code>, <code>/health/detailed</code> and <code>/metrics</code>.
            Break something and watch what the console does.
          </p>
          <fieldset>
            <legend>Make a check fail</legend>
            {demoChecks.map((check) => (
              <label key={check} className="check">
                <input type="checkbox" checked={demo.failing.includes(check)} onChange={(e) => setFailing(check, e.target.checked)} /> {check}
              </label>
            ))}
          </fieldset>
          <label className="field">
            Extra latency: {demo.latencyMs} ms
            <input
              type="range"
              min={0}
              max={6000}
              step={100}
              value={demo.latencyMs}
              onChange={(e) => void act(call('demo:set-failure', { failing: demo.failing, latencyMs: Number(e.target.value) }))}
            />
          </label>
          <button type="button" onClick={() => void act(call('demo:stop'))}>
            Stop the demo
          </button>
        </div>
      )}
      <OnCallPanel />
      <MonitoringPanel home={info?.home ?? null} showEmpty={info !== null && !info.firstRun} />
    </section>
  );
}
