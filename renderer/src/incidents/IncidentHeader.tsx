// Header of an open incident: severity, status and roles, each changed with one click, plus the
// running clock and the P1/P2 "time since last update" nag (seed 002 section 5).
import { useState } from 'react';
import { categoryLabels, incidentRoles, incidentStatuses, roleLabels, type Incident, type IncidentRole, type IncidentSeverity, type IncidentStatus } from '../../../preload/contract';
import { call } from '../api/client';
import { clock, dateTime, humanDuration, updateNag } from './logic/format';
import { loadMyName, saveMyName } from './my-name';
import { useNow } from './use-now';
import { SeverityOptions } from '../components/IncidentOptions';

interface Props {
  incident: Incident;
  onError: (message: string) => void;
  onChanged: () => void;
}

function RoleRow({ incident, role, me, act }: { incident: Incident; role: IncidentRole; me: string; act: (p: Promise<unknown>) => void }) {
  const current = incident.roles[role];
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  const setRole = (value: string | null) => act(call('incidents:set-role', { id: incident.id, role, name: value }));
  return (
    <div className="role-row" data-testid={`role-${role}`}>
      <span className="role-label">{roleLabels[role]}</span>
      {editing ? (
        <input
          autoFocus
          aria-label={`${roleLabels[role]} name`}
          value={name}
          placeholder="name, Enter to set"
          onChange={(e) => setName(e.target.value)}
          onBlur={() => setEditing(false)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && name.trim()) {
              setRole(name.trim());
              setEditing(false);
            } else if (e.key === 'Escape') setEditing(false);
          }}
        />
      ) : (
        <button type="button" className="link-button role-name" title="Assign someone else" onClick={() => (setName(current ?? ''), setEditing(true))}>
          {current ?? <span className="muted">unassigned</span>}
        </button>
      )}
      {current !== me && (
        <button type="button" className="small" onClick={() => setRole(me)} aria-label={`Take ${roleLabels[role]}`}>
          Take
        </button>
      )}
      {current && (
        <button type="button" className="small" onClick={() => setRole(null)} aria-label={`Clear ${roleLabels[role]}`}>
          ×
        </button>
      )}
    </div>
  );
}

export function IncidentHeader({ incident, onError, onChanged }: Props) {
  const now = useNow();
  const [me, setMe] = useState(() => loadMyName(incident.author.split('@')[0] || 'me'));
  const act = (p: Promise<unknown>) => void p.then(onChanged, (err: Error) => onError(err.message));
  const ended = incident.resolvedAt ?? incident.closedAt;
  const running = (ended ?? now) - incident.startedAt;
  const sinceUpdate = now - incident.lastEntryAt;
  const nag = updateNag(incident.severity, incident.status, sinceUpdate);

  return (
    <header className="inc-header panel">
      <div className="inc-title-row">
        <select
          className={`sev-select sev-bg-${incident.severity}`}
          aria-label="Severity"
          value={incident.severity}
          onChange={(e) => act(call('incidents:update', { id: incident.id, fields: { severity: e.target.value as IncidentSeverity } }))}
        >
          <SeverityOptions />
        </select>
        <h1 id="incident-title">{incident.title}</h1>
      </div>
      <div className="muted inc-meta">
        <code>{incident.id}</code> · {categoryLabels[incident.category]} · opened {dateTime(incident.startedAt)} by {incident.author}
        {incident.customerImpact && <span className="tag crit"> customer impact</span>}
      </div>
      <div className="status-steps" role="group" aria-label="Status">
        {incidentStatuses.map((s: IncidentStatus) => (
          <button
            key={s}
            type="button"
            className={`status-step status-${s}${incident.status === s ? ' on' : ''}`}
            aria-pressed={incident.status === s}
            onClick={() => incident.status !== s && act(call('incidents:set-status', { id: incident.id, status: s }))}
          >
            {s}
          </button>
        ))}
      </div>
      <div className="inc-clocks">
        <div>
          <span className="muted">{ended ? 'Lasted' : 'Running for'}</span>{' '}
          <strong className="clock" data-testid="incident-clock">
            {clock(running)}
          </strong>
        </div>
        <div className={`last-update nag-${nag}`} data-testid="last-update" role={nag === 'none' ? undefined : 'status'}>
          <span className="muted">Last update</span> <strong>{humanDuration(sinceUpdate)} ago</strong>
          {nag !== 'none' && <span> · {incident.severity} needs an update every 15–30 min: post one to the timeline and the incident channel.</span>}
        </div>
      </div>
      <div className="roles">
        {incidentRoles.map((r) => (
          <RoleRow key={r} incident={incident} role={r} me={me} act={act} />
        ))}
        <label className="muted me-field">
          You are{' '}
          <input
            aria-label="Your name"
            value={me}
            size={12}
            onChange={(e) => {
              setMe(e.target.value);
              saveMyName(e.target.value);
            }}
          />
        </label>
      </div>
    </header>
  );
}
