// Exports of one incident: postmortem Markdown, full JSON, and drafts of the seed 002 templates.
import { useState } from 'react';
import type { ExportFormat } from '../../../preload/contract';
import { call } from '../api/client';
import { downloadText } from './download';
import { FormError } from '../components/FormParts';

const labels: Record<ExportFormat, string> = {
  md: 'Postmortem (Markdown)',
  json: 'Full incident (JSON)',
  'status-page': 'Status-page update',
  'customer-faq': 'Customer FAQ',
  'management-briefing': 'Management briefing',
};

export function ExportPanel({ incidentId }: { incidentId: string }) {
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<string | null>(null);
  const exportAs = (format: ExportFormat) => {
    call('incidents:export', { id: incidentId, format })
      .then((r) => {
        downloadText(r.filename, r.mimeType, r.content);
        setLast(r.filename);
        setError(null);
      })
      .catch((err: Error) => setError(err.message));
  };
  return (
    <section className="panel" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <div className="button-row">
        {(Object.keys(labels) as ExportFormat[]).map((f) => (
          <button key={f} type="button" onClick={() => exportAs(f)}>
            {labels[f]}
          </button>
        ))}
      </div>
      {last && <p className="muted">Saved {last} to your downloads.</p>}
      <FormError error={error} />
    </section>
  );
}
