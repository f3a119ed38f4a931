import { useEffect, useRef } from 'react';
import { AlertDetailPanel } from '../alerts/AlertDetailPanel';
import { AlertList } from '../alerts/AlertList';
import { useAlerts } from '../alerts/alerts-store';
import { FilterBar } from '../alerts/FilterBar';
import { EscalationPrompts, PauseControls } from '../alerts/NotificationControls';
import { SilenceForm } from '../alerts/SilenceForm';
import { SilencesPanel, SilenceWarnings } from '../alerts/SilencesPanel';
import { EmptyState } from '../components/EmptyState';
import { ScreenHead } from '../components/ScreenHead';

const tabs = [
  { id: 'alerts', label: 'Alerts', href: '#/alerts' },
  { id: 'silences', label: 'Silences', href: '#/alerts/silences' },
] as const;

/** Routes: `#/alerts`, `#/alerts/<fingerprint>` (what notifications open), `#/alerts/silences`. */
export function AlertsScreen({ params }: { params: string[] }) {
  const [first = null] = params;
  const tab = first === 'silences' ? 'silences' : 'alerts';
  const { page, error, selected, detail, detailGone, form, load, loadSilences, select, setCursor } = useAlerts();
  const filterRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void load();
    void loadSilences();
  }, [load, loadSilences]);

  // A notification or a link opened `#/alerts/<fingerprint>`: select it and put the cursor on its row.
  const routeFp = first && /^[0-9a-f]{1,16}$/.test(first) ? first : null;
  useEffect(() => {
    if (routeFp) select(routeFp);
  }, [routeFp, select]);
  const routeGroup = detail && detail.alert.fingerprint === routeFp ? (detail.alert.groups[0] ?? 'ungrouped') : null;
  useEffect(() => {
    if (routeGroup) setCursor(`${routeGroup}|${routeFp ?? ''}`);
  }, [routeGroup, routeFp, setCursor]);

  useEffect(() => {
    if (tab !== 'alerts') return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        filterRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tab]);

  const focusList = () => listRef.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
  const total = page?.total ?? 0;

  return (
    <section aria-labelledby="alerts-title" className="alerts-screen">
      <ScreenHead titleId="alerts-title" title="Alerts" tabsLabel="Alert views" tabs={tabs} current={tab} actions={<PauseControls />} />
      <EscalationPrompts />
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {page?.sourceErrors.map((e) => (
        <div key={e.sourceName} className="banner banner-warn" role="status">
          Alertmanager “{e.sourceName}” could not be read: {e.message}
        </div>
      ))}
      {tab === 'silences' ? (
        <>
          {form?.kind === 'silence' && <SilenceForm key={form.matchers} initial={form.matchers} alert={null} />}
          <SilencesPanel />
        </>
      ) : (
        <>
          <SilenceWarnings />
          <FilterBar ref={filterRef} shown={page?.shown ?? 0} total={total} onLeave={focusList} />
          {form?.kind === 'silence' && !detail && <SilenceForm key={form.matchers} initial={form.matchers} alert={null} />}
          {page && total === 0 ? (
            <EmptyState title="No alerts">
              <p>
                Alerts appear here when a health endpoint goes down, a rule from your Prometheus rule files fires, or an Alertmanager you added reports one. Add sources in{' '}
                <code>config.yml</code> (see Settings), or try the demo from the Dashboard.
              </p>
            </EmptyState>
          ) : (
            <div className={`alerts-columns${selected ? ' with-detail' : ''}`}>
              <div ref={listRef}>
                {page && page.count === 0 ? (
                  <EmptyState title="No alert matches this filter">
                    <p>Change or clear the filter above.</p>
                  </EmptyState>
                ) : (
                  page && <AlertList page={page} onFilter={() => filterRef.current?.focus()} />
                )}
              </div>
              {selected &&
                (detail && detail.alert.fingerprint === selected ? (
                  <AlertDetailPanel detail={detail} />
                ) : (
                  <aside className="panel alert-detail" aria-label="Alert detail">
                    <p className="muted">{detailGone ? 'This alert is no longer active: it resolved and left the list.' : 'Loading…'}</p>
                    <button type="button" className="small" onClick={() => select(null)}>
                      Close
                    </button>
                  </aside>
                ))}
            </div>
          )}
        </>
      )}
    </section>
  );
}
