import { useEffect } from 'react';
import { parseRunbooksHash } from '../runbooks/logic/route';
import { RunbookLibrary } from '../runbooks/RunbookLibrary';
import { RunPanel } from '../runbooks/RunPanel';
import { AllRuns } from '../runbooks/RunsList';
import { subscribeRunbookEvents } from '../runbooks/runbooks-store';
import { StartForm } from '../runbooks/StartForm';
import { ScreenHead } from '../components/ScreenHead';

const tabs = [
  { id: 'library', label: 'Library', href: '#/runbooks' },
  { id: 'runs', label: 'Runs', href: '#/runbooks/runs' },
] as const;

/**
 * Routes: `#/runbooks` (library), `/runs`, `/run/<RUN-id>`, and `/<id>?param=value…` (the start form,
 * prefilled; alerts link here). The params prop is ignored: the query must be read undecoded.
 */
export function RunbooksScreen(_props: { params: string[] }) {
  const route = parseRunbooksHash(location.hash);
  useEffect(() => subscribeRunbookEvents(), []);
  const tab = route.view === 'runs' || route.view === 'library' ? route.view : null;

  return (
    <section aria-labelledby="runbooks-title" className="incidents-screen runbooks-screen">
      <ScreenHead titleId="runbooks-title" title="Runbooks" tabsLabel="Runbook views" tabs={tabs} current={tab} />
      {route.view === 'library' && <RunbookLibrary />}
      {route.view === 'runs' && <AllRuns />}
      {route.view === 'start' && <StartForm key={location.hash} id={route.id} query={route.query} />}
      {route.view === 'run' && <RunPanel runId={route.runId} />}
    </section>
  );
}
