// A dry run: each step exactly as it would run (placeholders filled and quoted, secrets as ***),
// where it would run, and what would stop it. Nothing is executed and nothing is journaled.
import type { RunbookPreview } from '../../../preload/contract';

export function DryRunView({ preview }: { preview: RunbookPreview }) {
  return (
    <section className="rb-dry-run" aria-label="Dry run">
      <h3>Dry run: {preview.steps.length} steps, nothing is executed</h3>
      <ol className="rb-steps">
        {preview.steps.map((s) => (
          <li key={s.index} className="rb-step" data-testid="dry-run-step">
            <div className="rb-step-head">
              <span className="rb-step-title">{s.title}</span>
              <span className="tag">{s.kind}</span>
              {s.host && <span className="muted small">on {s.host}</span>}
              {s.readonly && <span className="tag">read-only</span>}
              {s.needsConfirmation && <span className="tag crit">confirm: type {s.confirmValue ?? '?'}</span>}
            </div>
            {s.kind !== 'manual' && <pre className="step-output rb-command">{s.command}</pre>}
            {s.checks.length > 0 && (
              <ul className="rb-checks">
                {s.checks.map((c) => (
                  <li key={c.text}>☐ {c.text}</li>
                ))}
              </ul>
            )}
            {s.errors.length > 0 && <p className="form-error small">{s.errors.join('; ')}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
