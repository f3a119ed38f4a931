import { useAppStore } from '../state/app-store';

/** A broken config.yml is shown everywhere until fixed; the last good config keeps running meanwhile. */
export function ConfigIssues() {
  const config = useAppStore((s) => s.config);
  if (!config || config.issues.length === 0) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="config-issues">
      <strong>config.yml has {config.issues.length === 1 ? 'an error' : `${config.issues.length} errors`}; the last good configuration is still running.</strong>
      <ul>
        {config.issues.slice(0, 5).map((issue, i) => (
          <li key={i}>
            <code>
              {issue.file}:{issue.line}:{issue.column}
            </code>{' '}
            <code>{issue.field}</code>: {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
