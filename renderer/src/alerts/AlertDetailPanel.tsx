// One alert: what it is (labels, annotations, value history), where it is handled (incidents, runbook),
// and what can be done about it (acknowledge, snooze, silence, incident).
import type { ReactNode } from 'react';
import type { AlertDetail, RunbookLink } from '../../../preload/contract';
import { call, face } from '../api/client';
import { dateTime } from '../incidents/logic/format';
import { useNow } from '../incidents/use-now';
import { AlertHistoryChart } from './AlertHistoryChart';
import { AlertIncidentForm, SnoozeChoices } from './AlertIncidentForm';
import { alertActions, useAlerts } from './alerts-store';
import { annotationBlocks, safeHref, type Inline } from './logic/annotation-text';
import { matchersForAlert, runbookRoute } from './logic/links';
import { relative } from './logic/time';
import { SilenceForm } from './SilenceForm';

function InlineText({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'text' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'code' ? (
          <code key={i}>{p.text}</code>
        ) : (
          <a key={i} href={p.href} target="_blank" rel="noopener noreferrer">
            {p.text}
          </a>
        ),
      )}
    </>
  );
}

function Annotation({ text }: { text: string }) {
  return (
    <>
      {annotationBlocks(text).map((lines, i) => (
        <p key={i}>
          {lines.map((parts, j) => (
            <span key={j}>
              {j > 0 && <br />}
              <InlineText parts={parts} />
            </span>
          ))}
        </p>
      ))}
    </>
  );
}

function RunbookButton({ link, fingerprint, incidentId }: { link: RunbookLink; fingerprint: string; incidentId: string | undefined }) {
  if (link.kind === 'local') {
    return (
      <a className="button-link" href={runbookRoute(link, incidentId)} data-testid="runbook-link" title={link.path}>
        Runbook: {link.title}
      </a>
    );
  }
  // In a browser tab a plain link opens a new tab; Electron denies window.open, so the core opens it.
  if (face === 'web') {
    return (
      <a className="button-link" href={link.url} target="_blank" rel="noopener noreferrer" data-testid="runbook-link">
        Runbook ↗
      </a>
    );
  }
  return (
    <button type="button" data-testid="runbook-link" onClick={() => void useAlerts.getState().act('Runbook opened', () => call('alerts:open-runbook', { fingerprint }))}>
      Runbook ↗
    </button>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="alert-section" aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

export function AlertDetailPanel({ detail }: { detail: AlertDetail }) {
  const { notice, form, setForm, select } = useAlerts();
  const now = useNow(15_000);
  const a = detail.alert;
  // generatorURL comes from the alert's source server: a link only when it is http(s).
  const sourceHref = a.generatorUrl ? safeHref(a.generatorUrl) : null;
  const fp = [a.fingerprint];
  const { summary, description, ...otherAnnotations } = a.annotations;
  const annotations = Object.entries(otherAnnotations).filter(([k]) => k !== 'runbook_url');

  return (
    <aside className="panel alert-detail" aria-label="Alert detail" data-testid="alert-detail" data-fingerprint={a.fingerprint}>
      <div className="alert-detail-head">
        <span className={`sev-badge sev-bg-${a.priority}`}>{a.priority}</span>
        <h2>{a.labels.alertname ?? a.fingerprint}</h2>
        <span className={`astate state-${a.state}`} data-testid="detail-state">
          {a.state}
        </span>
        <button type="button" className="small close-detail" aria-label="Close detail" title="Esc" onClick={() => select(null)}>
          ×
        </button>
      </div>
      <p className="muted small">
        {a.firedAt !== null ? `firing since ${dateTime(a.firedAt)} (${relative(a.firedAt, now)})` : a.activeAt !== null ? `pending since ${relative(a.activeAt, now)}` : ''}
        {a.resolvedAt !== null && ` · resolved ${relative(a.resolvedAt, now)}`} · {a.source} “{a.sourceName}”
        {a.value !== null && ` · value ${a.value}`}
      </p>
      <div className="status-line" data-testid="detail-status">
        {a.acknowledged && <span className="tag">acknowledged {a.acknowledgedAt !== null ? relative(a.acknowledgedAt, now) : ''}</span>}
        {a.snoozedUntil !== null && <span className="tag">snoozed until {dateTime(a.snoozedUntil)}</span>}
        {a.silenced && <span className="tag">silenced</span>}
        {a.inhibited && <span className="tag">inhibited by {a.inhibitedBy?.length ? a.inhibitedBy.join(', ') : 'another alert'}</span>}
        {a.incidents.map((id) => (
          <a key={id} className="tag warn" href={`#/incidents/${encodeURIComponent(id)}`}>
            {id}
          </a>
        ))}
      </div>

      <div className="button-row alert-actions" role="toolbar" aria-label="Alert actions">
        {a.acknowledged ? (
          <button type="button" onClick={() => void alertActions.unack(fp)} title="a">
            Unacknowledge
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void alertActions.ack(fp)} title="a">
            Acknowledge
          </button>
        )}
        <button type="button" onClick={() => setForm({ kind: 'snooze' })} title="z">
          Snooze…
        </button>
        <button type="button" onClick={() => setForm({ kind: 'silence', matchers: matchersForAlert(a) })} title="s">
          Silence…
        </button>
        <button type="button" onClick={() => setForm({ kind: 'incident' })} title="i">
          {a.incidents.length ? 'Incident…' : 'Open incident…'}
        </button>
        {detail.runbook && <RunbookButton link={detail.runbook} fingerprint={a.fingerprint} incidentId={a.incidents[0]} />}
      </div>
      {notice && (
        <p className="ok small" role="status" data-testid="alert-notice">
          {notice}
        </p>
      )}
      {form?.kind === 'silence' && <SilenceForm key={form.matchers} initial={form.matchers} alert={a} />}
      {form?.kind === 'incident' && <AlertIncidentForm alert={a} />}
      {form?.kind === 'snooze' && <SnoozeChoices alert={a} />}

      {(summary || description) && (
        <Section title="Summary">
          {summary && (
            <div className="annotation-summary">
              <Annotation text={summary} />
            </div>
          )}
          {description && <Annotation text={description} />}
        </Section>
      )}
      <Section title="History">
        {detail.history.length ? <AlertHistoryChart history={detail.history} /> : <p className="muted">No state changes recorded since the console started.</p>}
      </Section>
      <Section title="Labels">
        <div className="label-chips">
          {Object.entries(a.labels)
            .sort(([x], [y]) => x.localeCompare(y))
            .map(([k, v]) => (
              <code key={k} className="label-chip">
                {k}=&quot;{v}&quot;
              </code>
            ))}
        </div>
      </Section>
      {annotations.length > 0 && (
        <Section title="Annotations">
          <dl className="annotations">
            {annotations.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>
                  <Annotation text={v} />
                </dd>
              </div>
            ))}
          </dl>
        </Section>
      )}
      {detail.notifications.length > 0 && (
        <Section title="Notifications">
          <ul className="alert-notifications small">
            {detail.notifications.map((n) => (
              <li key={n.id}>
                {dateTime(n.at)} {n.kind}: {n.title} {n.delivered ? '' : <span className="muted">(held: {n.heldBecause ?? 'not delivered'})</span>}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {sourceHref && (
        <p className="small">
          <a href={sourceHref} target="_blank" rel="noopener noreferrer">
            Source expression ↗
          </a>
        </p>
      )}
    </aside>
  );
}
