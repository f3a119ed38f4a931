import { useEffect } from 'react';
import { IncidentDetailView } from '../incidents/IncidentDetailView';
import { IncidentList } from '../incidents/IncidentList';
import { ImportButton } from '../incidents/ImportButton';
import { subscribeIncidentUpdates } from '../incidents/live-updates';
import { OpenIncidentForm } from '../incidents/OpenIncidentForm';
import { Reminders } from '../incidents/Reminders';
import { SearchPanel } from '../incidents/SearchPanel';
import { StatsPanel } from '../incidents/StatsPanel';
import { useIncidentDetail } from '../incidents/detail-store';
import { useIncidentList } from '../incidents/list-store';
import { ScreenHead } from '../components/ScreenHead';

type Tab = 'list' | 'new' | 'search' | 'stats';
const tabs: { id: Tab; label: string; href: string }[] = [
  { id: 'list', label: 'List', href: '#/incidents' },
  { id: 'new', label: 'Open incident', href: '#/incidents/new' },
  { id: 'search', label: 'Search', href: '#/incidents/search' },
  { id: 'stats', label: 'Stats', href: '#/incidents/stats' },
];

/**
 * Routes: `#/incidents` (list), `/new`, `/search[/query]`, `/stats`, `/<INC-id>[/<entryId>]`.
 */
export function IncidentsScreen({ params }: { params: string[] }) {
  const [first = '', second = null] = params;
  const reminders = useIncidentDetail((s) => s.reminders);

  useEffect(() => {
    void useIncidentDetail.getState().loadReminders();
    return subscribeIncidentUpdates();
  }, []);

  if (first.startsWith('INC-')) return <IncidentDetailView id={first} focusEntry={second} />;

  const tab: Tab = first === 'new' || first === 'search' || first === 'stats' ? first : 'list';
  return (
    <section aria-labelledby="incidents-title" className="incidents-screen">
      <ScreenHead titleId="incidents-title" title="Incidents" tabsLabel="Incident views" tabs={tabs} current={tab} actions={<ImportButton onImported={() => useIncidentList.getState().refresh()} />} />
      {tab === 'list' && (
        <>
          <Reminders reminders={reminders} showIncident />
          <IncidentList />
        </>
      )}
      {tab === 'new' && <OpenIncidentForm />}
      {tab === 'search' && <SearchPanel initial={second ?? ''} />}
      {tab === 'stats' && <StatsPanel />}
    </section>
  );
}
