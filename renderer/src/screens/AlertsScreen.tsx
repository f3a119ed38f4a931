import { EmptyState } from '../components/EmptyState';

export function AlertsScreen() {
  return (
    <section aria-labelledby="alerts-title">
      <h1 id="alerts-title">Alerts</h1>
      <EmptyState title="No alerts">
        <p>
          Alerts appear here when a health endpoint goes down, a rule from your Prometheus rule files fires, or an Alertmanager you added reports one. Add
          sources in <code>config.yml</code> (see Settings).
        </p>
      </EmptyState>
    </section>
  );
}
