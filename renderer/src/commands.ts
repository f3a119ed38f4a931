import { call } from './api/client';
import { useIncidentList } from './incidents/list-store';
import { navigate } from './router';
import { useRunbooks } from './runbooks/runbooks-store';
import { screens } from './screens';
import { useAppStore } from './state/app-store';

export interface PaletteCommand {
  id: string;
  title: string;
  hint?: string;
  run(): void | Promise<unknown>;
}

/** Everything the command palette (Ctrl/Cmd+K) can do. Domains append their own commands here. */
export function paletteCommands(): PaletteCommand[] {
  const { monitoring } = useAppStore.getState();
  return [
    ...screens.map((s) => ({ id: `go:${s.id}`, title: `Go to ${s.label}`, hint: `Alt+${s.key}`, run: () => navigate(s.id) })),
    {
      id: 'monitoring:pause',
      title: monitoring.paused ? 'Resume monitoring' : 'Pause monitoring',
      run: () => call('monitoring:pause', { paused: !monitoring.paused }),
    },
    { id: 'demo:start', title: 'Start the demo service', run: () => call('demo:start').then(() => navigate('dashboard')) },
    { id: 'config:reload', title: 'Reload config.yml', run: () => call('config:reload') },
    // Alerts (issue 6)
    { id: 'alerts:ack-all', title: 'Acknowledge all firing alerts', run: () => call('alerts:ack', { all: true }) },
    { id: 'alerts:pause-1h', title: 'Pause notifications for 1 hour', run: () => call('alerts:pause-notifications', { until: Date.now() + 3_600_000 }) },
    { id: 'alerts:resume', title: 'Resume notifications', run: () => call('alerts:pause-notifications', { until: null }) },
    { id: 'alerts:silences', title: 'Show silences', run: () => navigate('alerts', 'silences') },
    // Runbooks (issue 5): the library's entries once the Runbooks screen has loaded it.
    { id: 'runbooks:runs', title: 'Show runbook runs', run: () => navigate('runbooks', 'runs') },
    ...(useRunbooks.getState().library ?? [])
      .filter((r) => !r.broken)
      .map((r) => ({ id: `runbooks:start:${r.id}`, title: `Start runbook: ${r.title}`, hint: r.id, run: () => navigate('runbooks', r.id) })),
    // Incidents (issue 3)
    { id: 'incidents:open', title: 'Open an incident', run: () => navigate('incidents', 'new') },
    { id: 'incidents:search', title: 'Search incidents', run: () => navigate('incidents', 'search') },
    { id: 'incidents:stats', title: 'Incident stats (MTTA, MTTR)', run: () => navigate('incidents', 'stats') },
    {
      id: 'incidents:list-open',
      title: 'Show open incidents',
      run: () => {
        useIncidentList.getState().setQuery({ statusMode: 'open', status: [] });
        navigate('incidents');
      },
    },
  ];
}
