// Import of a colleague's JSON export; the core merges it without duplicates or refuses it whole.
import { useRef, useState } from 'react';
import { call } from '../api/client';

export function ImportButton({ onImported }: { onImported: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const onFile = async (file: File) => {
    try {
      const r = await call('incidents:import', { content: await file.text() });
      setMessage({
        ok: true,
        text: `Imported ${file.name}: ${r.created.length} new, ${r.merged.length} merged, ${r.entriesAdded} entries added, ${r.entriesSkipped} already here.`,
      });
      onImported();
    } catch (err) {
      setMessage({ ok: false, text: `Nothing imported from ${file.name}: ${(err as Error).message}` });
    }
  };
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        Import JSON…
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label="Import file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void onFile(file);
        }}
      />
      {message && (
        <span className={message.ok ? 'import-ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </span>
      )}
    </>
  );
}
