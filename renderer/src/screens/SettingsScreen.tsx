import { call, face } from '../api/client';
import { KeychainSecretForm } from '../components/KeychainSecretForm';
import { screenNav } from './nav';
import { ReceiversPanel } from '../components/ReceiversPanel';
import { useAppStore } from '../state/app-store';

export function SettingsScreen() {
  const { info, config, monitoring, setError } = useAppStore();
  const act = (p: Promise<unknown>) => p.catch((err: Error) => setError(err.message));
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <div className="panel">
        <h2>Data folder</h2>
        <p>
          Everything lives in <code>{info?.home}</code>: <code>config.yml</code>, <code>rules/</code>, <code>runbooks/</code> and the journal{' '}
          <code>journal.db</code>. The desktop app, <code>oncall serve</code> and the <code>oncall</code> CLI share it.
        </p>
      </div>
      <div className="panel">
        <h2>Configuration</h2>
        {config && (
          <>
            <p>
              <code>{config.path}</code>, loaded {config.loadedAt ? new Date(config.loadedAt).toLocaleString() : 'never (using defaults)'}.{' '}
              {config.issues.length === 0 ? 'No errors.' : `${config.issues.length} error(s), shown at the top.`}
            </p>
            <table className="summary">
              <tbody>
                {Object.entries(config.summary).map(([key, count]) => (
                  <tr key={key}>
                    <th scope="row">{key}</th>
                    <td>{count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <button type="button" onClick={() => void act(call('config:reload'))}>
          Reload config.yml
        </button>
      </div>
      <div className="panel">
        <h2>Monitoring</h2>
        <label className="check">
          <input type="checkbox" checked={monitoring.paused} onChange={(e) => void act(call('monitoring:pause', { paused: e.target.checked }))} /> Pause
          monitoring
        </label>
      </div>
      <ReceiversPanel />
      <div className="panel">
        <h2>Secrets</h2>
        <p>
          Probe headers that carry credentials reference them, never hold them: <code>{'${env:NAME}'}</code> reads an environment variable,{' '}
          <code>keychain:NAME</code> the OS keychain
          {face === 'electron' ? '.' : ' (desktop app; here it reads ONCALL_SECRET_NAME from the environment).'}
        </p>
        {face === 'electron' && <KeychainSecretForm />}
      </div>
      <div className="panel">
        <h2>Keyboard</h2>
        <ul className="shortcuts">
          <li>
            <kbd>Ctrl/Cmd K</kbd> command palette
          </li>
          {screenNav.map((s) => (
            <li key={s.id}>
              <kbd>Alt {s.key}</kbd> {s.label}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
