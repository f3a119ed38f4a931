import { useEffect, useState } from 'react';
import { CommandPalette } from './components/CommandPalette';
import { ConfigIssues } from './components/ConfigIssues';
import { Toasts } from './components/Toasts';
import { QuickNote } from './incidents/QuickNote';
import { navigate, useDeepLink, useRoute } from './router';
import { RunbookPrompts } from './runbooks/PromptDialog';
import { screens } from './screens';
import { useAppStore } from './state/app-store';

export function App() {
  const route = useRoute();
  const link = useDeepLink();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const { info, monitoring, connected, error, setError } = useAppStore();
  const active = screens.find((s) => s.id === route[0]) ?? screens[0]!;
  const Screen = active.component;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPaletteOpen((open) => !open);
      } else if (e.altKey && !e.ctrlKey && !e.metaKey) {
        const screen = screens.find((s) => s.key === e.key);
        if (screen) {
          e.preventDefault();
          navigate(screen.id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The quick-note window (desktop shortcut) loads this same page with a compact layout of its own.
  if (route[0] === 'quick-note') return <QuickNote />;

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Oncall Console</div>
        <ul>
          {screens.map((s) => (
            <li key={s.id}>
              <a href={`#/${s.id}`} className={s.id === active.id ? 'active' : ''} aria-current={s.id === active.id ? 'page' : undefined} title={`Alt+${s.key}`}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
        <button type="button" className="palette-button" onClick={() => setPaletteOpen(true)}>
          Commands <kbd>Ctrl K</kbd>
        </button>
      </nav>
      <main className="content">
        {!connected && (
          <div className="banner banner-error" role="alert">
            Lost the connection to the console core. Reconnecting…
          </div>
        )}
        {monitoring.paused && (
          <div className="banner banner-warn" role="status">
            Monitoring is paused: no probes run and no alerts are evaluated.
          </div>
        )}
        <ConfigIssues />
        {link && !link.ok ? (
          <div className="panel" role="alert" data-testid="link-refused">
            <h1>Link refused</h1>
            <p>{link.message}</p>
            <p>
              <a href="#/dashboard">Back to the dashboard</a>
            </p>
          </div>
        ) : (
          <Screen params={route.slice(1)} />
        )}
      </main>
      <footer className="statusbar">
        <span>{info ? `v${info.version} · ${info.face === 'electron' ? 'desktop' : 'browser'} · ${info.home}` : 'Connecting…'}</span>
        {error && (
          <span className="status-error" role="alert">
            {error}{' '}
            <button type="button" onClick={() => setError(null)} aria-label="Dismiss error">
              ×
            </button>
          </span>
        )}
      </footer>
      {paletteOpen && <CommandPalette onClose={() => setPaletteOpen(false)} />}
      <Toasts />
      <RunbookPrompts />
    </div>
  );
}
